// A case started in drill mode (SAFETYNET_DRILL, embedded demo only) carries the mark on
// every notice it produces, so a printed or forwarded notice can never pass for a real one.

export const DRILL_NOTICE_HEAD = '【演练】本通知书由演练模式生成，期限已缩短，仅供演示，不具法律效力。';

/** The notice text, headed by the drill mark when the case is a drill. */
export function drillNotice(text: string, drill: boolean): string {
  return drill ? `${DRILL_NOTICE_HEAD}\n\n${text}` : text;
}
