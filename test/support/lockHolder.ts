import { spawn } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";

// better-sqlite3 by absolute path, so the child needs no module resolution of its own.
const DRIVER = createRequire(import.meta.url).resolve("better-sqlite3");

// The other process: takes the write lock with BEGIN IMMEDIATE, says so, and commits when told.
const HOLDER = `
const db = new (require(process.argv[1]))(process.argv[2]);
db.exec("BEGIN IMMEDIATE");
process.stdout.write("locked\\n");
process.stdin.once("data", () => { db.exec("COMMIT"); db.close(); process.exit(0); });
`;

export interface LockHolder {
  /** Commits the other process's transaction and waits for it to exit. */
  release(): Promise<void>;
}

/** Another process (as a backup, an export or a `sqlite3` shell would) holding the database's write lock. */
export async function holdWriteLock(databasePath: string): Promise<LockHolder> {
  const child = spawn(process.execPath, ["-e", HOLDER, DRIVER, databasePath], { stdio: ["pipe", "pipe", "inherit"] });
  const [chunk] = (await once(child.stdout, "data")) as [Buffer];
  if (chunk.toString() !== "locked\n") throw new Error(`lock holder said ${chunk.toString()}`);
  return {
    release: async () => {
      const exited = once(child, "exit");
      child.stdin.end("release\n");
      const [code] = (await exited) as [number | null];
      if (code !== 0) throw new Error(`lock holder exited with ${code}`);
    },
  };
}
