// Reasons in the json-rules-engine style (architecture.md rule 7): rule id, outcome, the
// numbers compared and the parameters cited. The sentences are built on first read (or
// when serialised) so that evaluating 100,000 households does not format 1.5 million
// strings nobody reads; the numbers are captured eagerly, so the text never changes.
import type { PolicyParameterRef, PolicyReason, ReasonOutcome } from '../contracts/policy-determination';

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
    return (this.zhText ??= this.template.zh(this.args));
  }

  get en(): string {
    return (this.enText ??= this.template.en(this.args));
  }

  toJSON(): PolicyReason {
    return { ruleId: this.ruleId, outcome: this.outcome, zh: this.zh, en: this.en, parameters: this.parameters };
  }
}

export function reason(t: ReasonTemplate, outcome: ReasonOutcome, args: ReasonArgs, params: readonly PolicyParameterRef[]): Reason {
  return new Reason(t, outcome, args, params);
}

/** Chinese refusal text for a notice: the failed (and review) reasons, in order. */
export function refusalReasonsZh(reasons: readonly PolicyReason[]): string[] {
  return reasons.filter((r) => r.outcome === 'fail').map((r) => r.zh);
}
