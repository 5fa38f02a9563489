export { noopWorkflow } from './noop.workflow';
