export { EscalationDecisionBody } from '../core/contracts/escalation';
