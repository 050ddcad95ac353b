export interface HttpResponse<T = any> {
  status: number;
  body: T;
  /** The raw body, for canary searches. */
  text: string;
  headers: Headers;
}

export interface RequestOptions {
  jwt?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Real HTTP against the listening test server (Node's fetch). */
export const createHttp = (baseUrl: string) => {
  const request = async <T = any>(
    method: string,
    path: string,
    options: RequestOptions = {}
  ): Promise<HttpResponse<T>> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.jwt) headers.authorization = `Bearer ${options.jwt}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      redirect: 'manual',
    });
    const text = await response.text();
    let body: any = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    return { status: response.status, body, text, headers: response.headers };
  };

  return {
    request,
    get: <T = any>(path: string, jwt?: string) => request<T>('GET', path, { jwt }),
    post: <T = any>(path: string, body: unknown, jwt?: string) => request<T>('POST', path, { jwt, body }),
    put: <T = any>(path: string, body: unknown, jwt?: string) => request<T>('PUT', path, { jwt, body }),
    del: <T = any>(path: string, jwt?: string) => request<T>('DELETE', path, { jwt }),
  };
};

export type Http = ReturnType<typeof createHttp>;
