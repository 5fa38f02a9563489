import { useSession } from '../stores/session';
import { router } from '../router';

/** A refusal the person can read: the API's Chinese message, and its per-field messages by field path. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

interface ErrorBody {
  code?: string;
  message?: string;
  errors?: { path?: string; message?: string }[];
}

const hasChinese = (s: unknown): s is string => typeof s === 'string' && /[\u4e00-\u9fff]/.test(s);

/** The API's own message when it wrote one in Chinese; a generic Chinese one otherwise (never English or a stack). */
function readable(status: number, body: ErrorBody | null): string {
  if (hasChinese(body?.message)) return body.message;
  if (status === 403) return '您没有办理此事项的权限';
  if (status === 404) return '未找到该记录';
  if (status >= 500) return '服务暂时不可用，请稍后重试';
  return `请求未被受理（状态码 ${status}）`;
}

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await send(
    path,
    init.method ?? 'GET',
    headers,
    init.body === undefined ? undefined : JSON.stringify(init.body),
  );
  const body: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  if (res.ok) return body as T;
  throw await refusalOf(res, body);
}

/** A multipart upload (a file beside form fields): the browser sets the content type and boundary. */
export async function apiForm<T>(path: string, form: FormData): Promise<T> {
  const res = await send(path, 'POST', { accept: 'application/json' }, form);
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) return body as T;
  throw await refusalOf(res, body);
}

/** A file the API answers (a workbook): its bytes, type and the name it suggests. */
export async function apiFile(path: string, accept: string): Promise<{ blob: Blob; fileName: string | null }> {
  const res = await send(path, 'GET', { accept });
  if (!res.ok) throw await refusalOf(res, await res.json().catch(() => null));
  const disposition = res.headers.get('content-disposition') ?? '';
  return { blob: await res.blob(), fileName: /filename="([^"]+)"/.exec(disposition)?.[1] ?? null };
}

async function send(path: string, method: string, headers: Record<string, string>, body?: BodyInit): Promise<Response> {
  const session = useSession();
  if (session.token) headers.authorization = `Bearer ${session.token}`;
  try {
    return await fetch(`/api/v1${path}`, { method, headers, body });
  } catch {
    throw new ApiError('网络连接失败，请检查网络后重试', 0, 'NETWORK');
  }
}

async function refusalOf(res: Response, body: unknown): Promise<ApiError> {
  const session = useSession();
  if (res.status === 401 && session.token) {
    // The token expired or was revoked: back to the login page, nothing half-done kept.
    session.signOut(true);
    await router.push({ name: 'login', query: { redirect: router.currentRoute.value.fullPath } });
    return new ApiError('登录已过期，请重新登录', 401, 'UNAUTHENTICATED');
  }
  const err = body as ErrorBody | null;
  const fields: Record<string, string> = {};
  for (const e of err?.errors ?? []) if (e.path !== undefined && hasChinese(e.message)) fields[e.path] ??= e.message;
  return new ApiError(readable(res.status, err), res.status, err?.code ?? 'HTTP_' + res.status, fields);
}

/** The message to show for anything a call threw. */
export const messageOf = (e: unknown): string => (e instanceof ApiError ? e.message : '操作失败，请稍后重试');
