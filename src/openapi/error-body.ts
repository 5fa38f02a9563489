import { z } from 'zod';

/** What ErrorFilter answers for every 4xx and 5xx: one shape, documented once as components.schemas.Error. */
export const ErrorBody = z.strictObject({
  statusCode: z.int().min(400).max(599),
  /** Machine-readable, English (VALIDATION_FAILED, NOT_FOUND, ROLE_NOT_ALLOWED, …). */
  code: z.string().min(1),
  /** For the person reading it, Simplified Chinese. */
  message: z.string(),
  /** Field-level problems; empty when the refusal is not about one field. */
  errors: z.array(z.strictObject({ path: z.string(), code: z.string(), message: z.string() })),
  requestId: z.string(),
  /** APPLICATION_ALREADY_OPEN: the household's open application of that category. */
  openApplicationId: z.uuid().optional(),
});

export const ERROR_SCHEMA_NAME = 'Error';

export const ERROR_DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: '请求内容校验未通过（字段级错误见 errors）',
  401: '缺少或无效的登录凭证',
  403: '角色或辖区无权执行此操作',
  404: '资源不存在',
  409: '与当前状态或已有数据冲突',
  413: '请求体过大',
  415: '不支持的请求内容类型',
  422: '请求格式正确，但无法据此办理',
  429: '请求过于频繁，请稍后再试',
  503: '依赖的服务暂不可用',
};
