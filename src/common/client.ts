/** The client as the service sees it (behind a proxy, Express's trust-proxy setting decides). */
export const clientOf = (req: { ip?: string }): string => req.ip ?? 'unknown';
