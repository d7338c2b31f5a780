/** A non-2xx answer from the API, with the problem+json title/detail when the server sent one. */
export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/** Throws an ApiError for a failed response; the problem+json body, when readable, gives the message. */
export async function ensureOk(res: Response): Promise<void> {
  if (res.ok) return;
  let message = `${res.status} ${res.statusText}`;
  try {
    const body: unknown = await res.json();
    if (typeof body === 'object' && body !== null) {
      const { detail, title } = body as { detail?: unknown; title?: unknown };
      if (typeof detail === 'string') message = detail;
      else if (typeof title === 'string') message = title;
    }
  } catch {
    // Not JSON: keep the status line.
  }
  throw new ApiError(res.status, message);
}
