// The search page's offer to save the archive's search for offline use, where a service worker
// runs (not from `file://`). It states the size, checks the device's room
// (`navigator.storage.estimate()`), asks for persistent storage so the browser does not evict the
// copy under pressure, shows progress, and resumes after a reload: the reader's wish is noted in
// the cache (offline-save.ts), and a save that stopped carries on when the page opens again. A site
// whose index is within its budget (`offline.autoSaveBytes`) is saved by the worker on a first
// visit; the page then only shows how far that got.
import type { OfflineManifest } from "../search/offline-manifest.ts";
import { saveIndex, savedState, setWanted } from "./offline-save.ts";

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
}

export async function offerOffline(siteRoot: URL): Promise<void> {
  const box = document.getElementById("offline-offer");
  const text = document.getElementById("offline-text");
  const button = document.getElementById("offline-save");
  const bar = document.getElementById("offline-progress");
  if (
    !box ||
    !text ||
    !(button instanceof HTMLButtonElement) ||
    !(bar instanceof HTMLProgressElement)
  )
    return;
  if (!("serviceWorker" in navigator) || !("caches" in window) || location.protocol === "file:") {
    return;
  }
  let manifest: OfflineManifest;
  try {
    const response = await fetch(new URL("offline.json", siteRoot));
    if (!response.ok) return;
    manifest = (await response.json()) as OfflineManifest;
  } catch {
    return;
  }
  let saving = false;

  const show = async () => {
    const state = await savedState(manifest, siteRoot);
    const { bytes, savedBytes } = state.plan;
    box.hidden = false;
    if (!state.plan.missing.length) {
      text.textContent = `Search is saved on this device for offline use (${megabytes(bytes)}): every story can be found and read offline.`;
      button.hidden = true;
      bar.hidden = true;
      return state;
    }
    if (saving) return state;
    button.hidden = false;
    bar.hidden = savedBytes === 0;
    bar.value = savedBytes / bytes;
    text.textContent =
      savedBytes > 0
        ? `Search is partly saved for offline use: ${megabytes(savedBytes)} of ${megabytes(bytes)}.`
        : `Save this archive's search on this device to search and read every story offline: ${megabytes(bytes)}.`;
    button.textContent = savedBytes > 0 ? "Finish saving" : "Save for offline use";
    return state;
  };

  const save = async () => {
    if (saving) return;
    saving = true;
    button.hidden = true;
    bar.hidden = false;
    try {
      const state = await savedState(manifest, siteRoot);
      const needed = state.plan.bytes - state.plan.savedBytes;
      const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
      if (estimate?.quota !== undefined && estimate.usage !== undefined) {
        if (estimate.quota - estimate.usage < needed) {
          text.textContent = `This device has room for ${megabytes(estimate.quota - estimate.usage)} more, and search needs ${megabytes(needed)}. Free some space and try again.`;
          return;
        }
      }
      // Persistent storage: the browser keeps the copy when space runs short (it may say no).
      await navigator.storage?.persist?.().catch(() => false);
      await setWanted(siteRoot, true);
      await saveIndex(manifest, siteRoot, (done, total) => {
        bar.value = done / total;
        text.textContent = `Saving search for offline use: ${megabytes(done)} of ${megabytes(total)}…`;
      });
    } catch {
      text.textContent = navigator.onLine
        ? "Saving stopped: a file could not be downloaded. It will resume from where it stopped."
        : "Saving stopped: you are offline. It will resume from where it stopped once you are back online.";
    } finally {
      saving = false;
    }
    await show();
  };

  button.addEventListener("click", () => void save());
  const state = await show();
  // The reader asked before, and the save stopped part-way (a reload, a lost connection): resume.
  if (state.asked && state.plan.missing.length && navigator.onLine) void save();
}
