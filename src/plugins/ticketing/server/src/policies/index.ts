import type { Context } from 'koa';
/**
 * `plugin::ticketing.api-token-only`: the REST write routes are an integration door for API
 * tokens (back-office scripts); Users & Permissions users and the Public role never get them,
 * whatever their role says.
 */
const API_TOKEN_STRATEGIES = new Set(['content-api-token', 'api-token']);
const apiTokenOnly = (policyContext: Context) => API_TOKEN_STRATEGIES.has(policyContext?.state?.auth?.strategy?.name);

export default { 'api-token-only': apiTokenOnly };
