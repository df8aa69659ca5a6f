/** An error whose code, status and message are meant for the client. The message is a key in the errors.* translations. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly details?: { path: string; message: string }[],
    readonly values?: Record<string, string | number>,
  ) {
    super(code);
  }
}

export const badRequest = (code = 'bad_request', details?: { path: string; message: string }[]) =>
  new AppError(400, code, details);
export const unauthorized = (code = 'unauthenticated') => new AppError(401, code);
export const forbidden = (code = 'forbidden') => new AppError(403, code);
export const notFound = (code = 'not_found') => new AppError(404, code);
export const conflict = (code = 'conflict', details?: { path: string; message: string }[]) =>
  new AppError(409, code, details);
export const unprocessable = (code: string, details?: { path: string; message: string }[]) =>
  new AppError(422, code, details);
