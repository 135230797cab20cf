/** Every rule a flow enforces fails with this one error type; `field` names the modal block it concerns. */
export type DomainErrorCode =
  | "invalid_input"
  | "not_found"
  | "not_permitted"
  | "invalid_transition"
  | "conflict";

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly field: string | undefined;

  constructor(code: DomainErrorCode, message: string, options: { field?: string } = {}) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.field = options.field;
  }
}

export function fail(code: DomainErrorCode, message: string, options: { field?: string } = {}): never {
  throw new DomainError(code, message, options);
}
