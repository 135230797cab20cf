import { type DomainText, plainText } from "./domainText.ts";

/** Every rule a flow enforces fails with this one error type. */
export type DomainErrorCode = "invalid_input" | "not_found" | "not_permitted" | "invalid_transition" | "conflict";

export interface DomainErrorOptions {
  /** The input field the message is about (a modal block id at the Slack edge). */
  field?: string;
  /** Several field messages at once, for forms that report every bad field together. */
  fields?: Readonly<Record<string, string>>;
}

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly fields: Readonly<Record<string, string>>;
  /** The message with its references (people, instants, typed text) for a surface to render; `message` is it as plain text. */
  readonly text: DomainText;

  constructor(code: DomainErrorCode, message: string | DomainText, options: DomainErrorOptions = {}) {
    const plain = typeof message === "string" ? message : plainText(message);
    super(plain);
    this.name = "DomainError";
    this.code = code;
    this.text = typeof message === "string" ? [message] : message;
    this.fields = options.fields ?? (options.field ? { [options.field]: plain } : {});
  }

  get field(): string | undefined {
    return Object.keys(this.fields)[0];
  }
}

export function fail(code: DomainErrorCode, message: string | DomainText, options: DomainErrorOptions = {}): never {
  throw new DomainError(code, message, options);
}
