/** The import graph of the repository's own code, read from source text (no build, no module loading). */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

export const REPO_ROOT = resolve(new URL("../..", import.meta.url).pathname);

export interface ImportEdge {
  /** The importing file, relative to the repository root with `/` separators: `src/flows/openCase.ts`. */
  from: string;
  /** A repository file as `from` is written, or a package specifier as imported (`node:fs`, `drizzle-orm`). */
  to: string;
  /** True for a relative import (a repository file), false for a package. */
  local: boolean;
}

const toPosix = (path: string) => path.split(sep).join("/");

/** Every `.ts` file below `folder` (relative to the repository root). */
export function sourceFiles(folder: string): string[] {
  return readdirSync(join(REPO_ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => toPosix(relative(REPO_ROOT, join(entry.parentPath, entry.name))))
    .sort();
}

/** Every import, `import type`, `export … from` and `import()` of `file`, relative ones resolved to repository paths. */
export function importsOf(file: string): ImportEdge[] {
  // preProcessFile is the compiler's own scanner: multi-line and type-only imports are read as tsc reads them.
  const { importedFiles } = ts.preProcessFile(readFileSync(join(REPO_ROOT, file), "utf8"), true, true);
  return importedFiles.map(({ fileName }) => {
    const local = fileName.startsWith(".");
    const to = local ? toPosix(relative(REPO_ROOT, resolve(REPO_ROOT, dirname(file), fileName))) : fileName;
    return { from: file, to, local };
  });
}

/** The package an import names (`drizzle-orm/sqlite-core` → `drizzle-orm`, `@slack/bolt` → `@slack/bolt`). */
export function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

/** The strongly connected groups (more than one node) of a directed graph, by Tarjan's algorithm. */
export function cycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) ?? 0);
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (stack.includes(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member !== undefined) group.push(member);
    } while (member !== undefined && member !== node);
    if (group.length > 1) found.push(group.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}
