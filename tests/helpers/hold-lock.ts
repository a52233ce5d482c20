// Holds a lock file as another process would (`tsx tests/helpers/hold-lock.ts <file> <purpose>`):
// prints "held" once it has it, and releases it when its standard input closes.
import { acquireLock } from "../../src/files/lock-file.ts";

const [file, purpose = "npm run build"] = process.argv.slice(2);
const lock = await acquireLock(file!, { purpose, onHeld: () => undefined, pollMs: 20 });
console.log("held");
process.stdin.resume();
process.stdin.on("end", () => {
  lock.release();
  process.exit(0);
});
