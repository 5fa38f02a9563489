export { noopWorkflow } from './noop.workflow';
export { shapedWorkflow } from './shaped.workflow';
