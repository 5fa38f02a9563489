// Chinese names of a 一事一议's stages and sources (the list and the page show the same words).

export const DELIBERATION_STAGE_NAMES: Record<string, string> = {
  CONVENING: '待召集',
  OPINIONS: '征求意见',
  DECIDED: '已决定',
  FOLLOW_UP: '落实跟踪',
  CLOSED: '已办结',
};

export const DELIBERATION_SOURCE_NAMES: Record<string, string> = {
  EMERGENCY: '临时救助',
  DETERMINATION: '审核确认',
  RECHECK: '复核',
  ESCALATION: '督办事项',
  WARNING: '监测预警',
  DIRECT: '直接提请',
};
