// Reads a YAML file of the pack and validates it with a zod schema, reporting every problem with
// its file, path and line: a pack author must be able to go straight to the faulty line.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';

export interface PackIssue {
  file: string;
  /** Dotted path inside the file, e.g. provisions.0.quote; empty for the whole file. */
  path: string;
  line?: number;
  message: string;
}

export function formatIssue(issue: PackIssue): string {
  const where = `${issue.file}${issue.line !== undefined ? `:${issue.line}` : ''}${issue.path ? ` (${issue.path})` : ''}`;
  return `${where}: ${issue.message}`;
}

export class PackLoadError extends Error {
  constructor(readonly issues: PackIssue[]) {
    super(`policy pack is invalid (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
    this.name = 'PackLoadError';
  }
}

export interface ParsedFile<T> {
  file: string;
  data: T;
  /** Line of the node at a path (1-based), for issues found after schema validation. */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

/** Parses and validates one file. Returns undefined (and records issues) when it is not valid. */
export function readYamlFile<S extends z.ZodType>(absolutePath: string, displayName: string, schema: S, issues: PackIssue[]): ParsedFile<z.output<S>> | undefined {
  let text: string;
  try {
    text = readFileSync(absolutePath, 'utf8');
  } catch (error) {
    issues.push({ file: displayName, path: '', message: `cannot read file: ${(error as Error).message}` });
    return undefined;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const line = error.linePos?.[0]?.line ?? lineCounter.linePos(error.pos[0]).line;
      issues.push({ file: displayName, path: '', line, message: `YAML syntax: ${error.message.split('\n')[0]}` });
    }
    return undefined;
  }
  const lineOf = makeLineOf(doc, lineCounter);
  const result = schema.safeParse(doc.toJS());
  if (!result.success) {
    for (const problem of result.error.issues) {
      const path = problem.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      issues.push({ file: displayName, path: path.join('.'), line: lineOf(path), message: problem.message });
    }
    return undefined;
  }
  return { file: displayName, data: result.data, lineOf };
}

function makeLineOf(doc: Document, lineCounter: LineCounter) {
  return (path: readonly (string | number)[]): number | undefined => {
    // Walk up the path until a node exists: a missing key is reported at its parent.
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
}
