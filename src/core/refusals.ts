/**
 * Every refusal code the service answers with, in one place: its HTTP status and the
 * Chinese message a person reads when the use case gives no more specific one. Codes come
 * from the API (DomainError), the workflows' validators and activities (ApplicationFailure
 * types, turned into HTTP by `refusalToHttp`) and the error filter. A unit test keeps every
 * code used in src/ and workflows/ listed here.
 */
export const REFUSALS = {
  // Requests
  VALIDATION_FAILED: { status: 400, message: '请求内容校验未通过' },
  MALFORMED_JSON: { status: 400, message: '请求体不是合法的 JSON' },
  BAD_REQUEST: { status: 400, message: '请求有误' },
  METHOD_NOT_ALLOWED: { status: 405, message: '不支持的请求方法' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '请求体过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的请求内容类型' },
  NOT_FOUND: { status: 404, message: '请求的资源不存在' },
  NOT_IN_YEAR: { status: 400, message: '日期不在该年度内' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: '该 Idempotency-Key 已用于另一个请求' },
  INVALID_DATA: { status: 400, message: '请求中的数据无法保存' },
  DATA_CONFLICT: { status: 409, message: '请求与已有数据冲突' },
  DATA_ERROR: { status: 400, message: '办理所需的数据有误，请核对后重试' },
  // Authentication and access
  UNAUTHENTICATED: { status: 401, message: '未登录或登录已失效' },
  TOKEN_MISSING: { status: 401, message: '缺少访问令牌' },
  USER_UNKNOWN: { status: 401, message: '用户不存在' },
  USER_CHANGED: { status: 401, message: '用户信息已变更，请重新登录' },
  // 401 behind a token; the dev token endpoint answers 403 for a named disabled user.
  USER_DISABLED: { status: 401, message: '该用户已被停用，请联系系统管理员' },
  FORBIDDEN: { status: 403, message: '无权执行此操作' },
  ROLE_NOT_ALLOWED: { status: 403, message: '当前角色无权执行此操作' },
  OUT_OF_JURISDICTION: { status: 403, message: '不在您的辖区内' },
  NOT_REFERRED_TO_DEPARTMENT: { status: 403, message: '未转介给本部门的事项，部门联络员不能查看' },
  NOT_ASSIGNEE: { status: 403, message: '只有认领人或县级主管可以执行此操作' },
  STEP_NOT_OVERDUE: { status: 403, message: '该环节尚未逾期或升级，县级主管不能代为办理' },
  UNKNOWN_USER: { status: 404, message: '用户不存在' },
  USERNAME_TAKEN: { status: 409, message: '用户名已被使用' },
  CANNOT_CHANGE_OWN_ACCESS: { status: 409, message: '不能变更本人的角色或停用本人' },
  // Tasks
  TASK_NOT_OPEN: { status: 409, message: '任务已办结或已取消' },
  TASK_NOT_FOUND: { status: 409, message: '任务不存在或已办结' },
  TASK_ALREADY_CLAIMED: { status: 409, message: '任务已被他人认领' },
  TASK_CLAIMED_BY_OTHER: { status: 409, message: '该任务已由其他人认领，请先由其本人办理或由县级主管改派' },
  TASK_NOT_CLAIMED: { status: 409, message: '任务尚未被认领' },
  TASK_CHANGED: { status: 409, message: '任务已被他人同时变更，请刷新后重试' },
  TASK_ACTION: { status: 400, message: '此操作须通过办理任务完成：POST /api/v1/tasks/:id/complete' },
  TASK_PAYLOAD_INVALID: { status: 422, message: '请求内容不符合此任务的办理要求' },
  TASK_CLOSES_ITSELF: { status: 400, message: '此任务无需办理，条件满足后自动办结' },
  NOT_A_RECHECK_TASK: { status: 400, message: '不是复核任务，请使用 POST /api/v1/tasks/:id/complete' },
  NOT_A_PAYMENT_TASK: { status: 400, message: '不是支付失败任务，请使用 POST /api/v1/tasks/:id/complete' },
  INVALID_ASSIGNEE: { status: 422, message: '接办人员不符合要求' },
  // Applications and determination
  UNKNOWN_HOUSEHOLD: { status: 422, message: '家庭不存在' },
  MEMBER_ALREADY_REGISTERED: { status: 409, message: '该身份证号码已登记在其他家庭' },
  UNKNOWN_DIVISION: { status: 422, message: '行政区划不存在' },
  FACTS_COUNTY_MISMATCH: { status: 422, message: '家庭经济状况中的县（市、区）与家庭户籍所在地不一致' },
  APPLICATION_ALREADY_OPEN: { status: 409, message: '该家庭已有办理中的同类申请' },
  DUPLICATE_APPLICATION: { status: 409, message: '重复的申请' },
  WRONG_STAGE: { status: 409, message: '案件当前阶段不能执行此操作' },
  ALREADY_EXTENDED: { status: 409, message: '期限已延长过一次，不能再延长' },
  AMOUNT_REASON_REQUIRED: { status: 400, message: '调整保障金额须说明理由' },
  DISAGREEMENT_REASON_REQUIRED: { status: 400, message: '意见与收入核算结果不一致，须书面说明理由' },
  SELF_CARE_ASSESSMENT_REQUIRED: { status: 400, message: '须填写生活自理能力评估' },
  APPOINTMENT_IN_PAST: { status: 400, message: '首次入户预约日期不能早于今天' },
  INVESTIGATION_ALREADY_STARTED: { status: 409, message: '本案件的调查已经启动，不能重复启动' },
  CASE_CLOSED: { status: 409, message: '案件流程已结束，不能再执行此操作' },
  NOT_IN_PUBLICITY: { status: 404, message: '该案件不在公示期' },
  FACTS_MISSING: { status: 409, message: '缺少办理所需的家庭经济状况' },
  PARAMETER_NOT_IN_FORCE: { status: 409, message: '所需的政策参数在该日期未生效' },
  PARAMETER_INVALID: { status: 400, message: '政策参数无效' },
  DATE_INVALID: { status: 400, message: '日期无效' },
  CALENDAR_INVALID: { status: 400, message: '节假日安排无效' },
  SCHEDULE_INVALID: { status: 400, message: '节假日安排无效' },
  RECALCULATION_NOT_STARTED: { status: 503, message: '节假日安排已保存，但到期日重算未能启动，请稍后重试' },
  // Enrolled cases
  WRONG_STATUS: { status: 409, message: '案件当前状态不能执行此操作' },
  CASE_EXITED: { status: 409, message: '该案件的保障流程已结束，不能再执行此操作' },
  REASON_REQUIRED: { status: 400, message: '须填写理由' },
  PHASE_OUT_NOT_APPLICABLE: { status: 400, message: '该案件不适用渐退' },
  ALREADY_RECONCILED: { status: 409, message: '该支付指令已对账' },
  PAYMENT_NOT_FAILED: { status: 409, message: '该支付指令不是支付失败状态' },
  CAMPAIGN_ALREADY_RUNNING: { status: 409, message: '该县已有正在进行的复核批次' },
  SCHEDULES_UNSUPPORTED: { status: 501, message: '当前 Temporal 服务不支持定时计划' },
  // Emergency aid and reserve funds
  AMOUNT_ABOVE_APPROVER_LIMIT: { status: 403, message: '救助金额超过审批权限，请报上级审批或提请一事一议' },
  AMOUNT_ABOVE_APPROVAL: { status: 400, message: '登记金额超过批准金额' },
  INVESTIGATION_MISSING: { status: 409, message: '尚未完成调查' },
  STALE_EXPLANATION: { status: 409, message: '情况说明已过时' },
  RESERVE_FUND_INSUFFICIENT: { status: 409, message: '乡镇（街道）备用金余额不足' },
  FUND_DECISION_REQUIRED: { status: 400, message: '须选择备用金拒付的处理方式' },
  NOT_A_FUND_REFUSAL: { status: 400, message: '只有备用金拒付的升级事项可以选择重新支付、改由县级资金支付或结案' },
  // 一事一议 and escalations
  NOT_A_MEMBER: { status: 403, message: '您不是本次一事一议的成员单位联络员' },
  NOT_THE_CHAIR: { status: 403, message: '只有本次一事一议的召集人可以执行此操作' },
  NOT_THE_RESPONSIBLE_DEPARTMENT: { status: 403, message: '只有责任部门的联络员可以反馈此措施' },
  OPINION_ALREADY_GIVEN: { status: 409, message: '已发表过意见' },
  NO_OPINION_TO_CHANGE: { status: 409, message: '尚未发表意见，无可更改' },
  QUORUM_NOT_REACHED: { status: 409, message: '未达到法定人数，不能作出决定' },
  MAJORITY_MISMATCH: { status: 409, message: '决定与多数意见不一致' },
  FOLLOW_UP_NOT_OPEN: { status: 409, message: '该措施的反馈任务不存在或已反馈' },
  INVALID_MEASURE: { status: 400, message: '救助措施不符合要求' },
  INVALID_MEMBER: { status: 400, message: '成员单位联络员不符合要求' },
  DELIBERATION_CLOSED: { status: 409, message: '一事一议已结束' },
  ESCALATION_CLOSED: { status: 409, message: '该升级事项已处理完毕' },
  // Incidents and operations
  INCIDENT_NOT_OPEN: { status: 409, message: '该事件已处理' },
  INCIDENT_ACTION_INVALID: { status: 409, message: '该事件不能执行此操作' },
  TEMPORAL_UNAVAILABLE: { status: 503, message: '办理流程服务暂时没有响应，请稍后重试' },
  INTERNAL_ERROR: { status: 500, message: '服务器内部错误，请稍后重试或联系管理员' },
} as const satisfies Record<string, { status: number; message: string }>;

export type RefusalCode = keyof typeof REFUSALS;

export const isRefusalCode = (code: string): code is RefusalCode => Object.hasOwn(REFUSALS, code);
