// Reasons in the json-rules-engine style (architecture.md rule 7): rule id, outcome, the
// numbers compared and the parameters cited. The sentences are built on first read (or
// when serialised) so that evaluating 100,000 households does not format 1.5 million
// strings nobody reads; the numbers are captured eagerly, so the text never changes.
import type { PolicyParameterRef, PolicyReason, ReasonOutcome } from '../core/contracts/policy-determination';

export type ReasonArgs = readonly (string | number)[];

export interface ReasonTemplate {
  readonly ruleId: string;
  zh(a: ReasonArgs): string;
  en(a: ReasonArgs): string;
}

export class Reason implements PolicyReason {
  private zhText: string | undefined;
  private enText: string | undefined;
  constructor(
    private readonly template: ReasonTemplate,
    readonly outcome: ReasonOutcome,
    private readonly args: ReasonArgs,
    readonly parameters: readonly PolicyParameterRef[],
  ) {}

  get ruleId(): string {
    return this.template.ruleId;
  }

  get zh(): string {
    return (this.zhText ??= this.template.zh(this.args) + staleNoteZh(this.parameters));
  }

  get en(): string {
    return (this.enText ??= this.template.en(this.args) + staleNoteEn(this.parameters));
  }

  toJSON(): PolicyReason {
    return { ruleId: this.ruleId, outcome: this.outcome, zh: this.zh, en: this.en, parameters: this.parameters };
  }
}

/** A reason that cites a stale yearly statistic says so in its own sentence. */
function staleNoteZh(params: readonly PolicyParameterRef[]): string {
  const stale = params.find((p) => p.stale !== undefined)?.stale;
  return stale === undefined
    ? ''
    : `（注：${stale.expectedYear} 年度统计数据尚未录入，暂按 ${stale.figureYear} 年度数据计算，已提醒管理员补录）`;
}

function staleNoteEn(params: readonly PolicyParameterRef[]): string {
  const stale = params.find((p) => p.stale !== undefined)?.stale;
  return stale === undefined
    ? ''
    : ` (STALE: the ${stale.expectedYear} figure is not entered yet; the ${stale.figureYear} figure was used)`;
}

export function reason(
  t: ReasonTemplate,
  outcome: ReasonOutcome,
  args: ReasonArgs,
  params: readonly PolicyParameterRef[],
): Reason {
  return new Reason(t, outcome, args, params);
}

/** Chinese refusal text for a notice: the failed (and review) reasons, in order. */
export function refusalReasonsZh(reasons: readonly PolicyReason[]): string[] {
  return reasons.filter((r) => r.outcome === 'fail').map((r) => r.zh);
}
