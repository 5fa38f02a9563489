// Workflow ids derive from our own opaque ids, never from names or ID numbers.
export const applicationWorkflowId = (applicationId: string): string => `application-${applicationId}`;
