import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acquireLock, type LockHolder } from "../../src/files/lock-file.ts";
import { thisProcess } from "../../src/files/processes.ts";
import { PROJECT_DIR, scriptArguments } from "../../scripts/node-script.ts";

const lockFile = () => path.join(mkdtempSync(path.join(tmpdir(), "lock-")), "lock");

/** Another process holding `file`; resolves once it has it. */
async function holder(file: string, purpose = "npm run build"): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    scriptArguments("tests/helpers/hold-lock.ts", [file, purpose]),
    { cwd: PROJECT_DIR, stdio: ["pipe", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
  return child;
}

describe("a lock file", () => {
  it("makes a second taker wait until the holder releases it, telling it who holds it", async () => {
    const file = lockFile();
    const other = await holder(file);
    const seen: LockHolder[] = [];
    const taking = acquireLock(file, {
      purpose: "npm run build",
      onHeld: (held) => void seen.push(held),
      pollMs: 20,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen.length).toBeGreaterThan(0);
    // tsx runs the script in a child process of its own: the holder is that one.
    expect(seen[0]).toMatchObject({ purpose: "npm run build" });
    expect(seen[0]!.pid).not.toBe(process.pid);
    other.stdin!.end();
    const lock = await taking;
    expect(JSON.parse(readFileSync(file, "utf8")).pid).toBe(process.pid);
    lock.release();
    expect(existsSync(file)).toBe(false);
  });

  it("stops waiting with what onHeld throws", async () => {
    const file = lockFile();
    const other = await holder(file, "npm start");
    await expect(
      acquireLock(file, {
        purpose: "npm run build",
        onHeld: (held) => {
          throw new Error(`held by ${held.purpose}`);
        },
      }),
    ).rejects.toThrow("held by npm start");
    other.stdin!.end();
  });

  it("takes over the lock of a process that is gone, and of a file that names none", async () => {
    const file = lockFile();
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    const gone = { ...thisProcess(), pid: dead, purpose: "npm run build", since: 1 };
    writeFileSync(file, JSON.stringify(gone));
    const onHeld = () => {
      throw new Error("waited for a process that is gone");
    };
    (await acquireLock(file, { purpose: "test", onHeld })).release();
    writeFileSync(file, "not a lock");
    const lock = await acquireLock(file, { purpose: "test", onHeld });
    expect(lock.stillOurs()).toBe(true);
    lock.release();
  });

  it("gives a process the lock it holds again, kept until its first taking releases it", async () => {
    const file = lockFile();
    const first = await acquireLock(file, { purpose: "npm start", onHeld: () => undefined });
    const again = await acquireLock(file, {
      purpose: "npm run build",
      onHeld: () => {
        throw new Error("waited for itself");
      },
    });
    again.release();
    expect(existsSync(file)).toBe(true);
    first.release();
    expect(existsSync(file)).toBe(false);
  });

  it("knows when another process took it over", async () => {
    const file = lockFile();
    const lock = await acquireLock(file, { purpose: "test", onHeld: () => undefined });
    writeFileSync(file, JSON.stringify({ ...thisProcess(), pid: 1, purpose: "other", since: 2 }));
    expect(lock.stillOurs()).toBe(false);
    lock.release();
    expect(existsSync(file)).toBe(true);
  });
});
