export { noopWorkflow } from './noop.workflow';
export { shapedWorkflow } from './shaped.workflow';
export { enrolledShapeWorkflow, recheckShapeWorkflow } from './campaign-shape.workflow';
