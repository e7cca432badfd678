import { createHmac } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { joinMessages, statusHint } from '../shared/errors';
import type { ProviderSpec } from '../shared/transport';

export const VOXSTACK_CREDENTIAL = 'voxStackApi';
export const VOXSTACK_PAGE_SIZE = 100;
export const TASK_STATUSES = ['pending', 'in_progress', 'completed', 'failed'];
export const CALL_STATUSES = ['initiated', 'in_progress', 'completed', 'failed'];
export const VOXSTACK_EVENTS = [
	{ name: 'Call Started', value: 'call_started' },
	{ name: 'Call Completed', value: 'call_completed' },
	{ name: 'Call Failed', value: 'call_failed' },
];
/** Last path segment of the trigger's webhook URL, which is how the node recognises it. */
export const TRIGGER_PATH = 'voxstack';

/** The node adds /api/v1 to the customer's host (and tolerates it being typed already). */
export const VOXSTACK_BASE_URL = '={{$credentials.baseUrl.replace(/\\/+$/, "").replace(/\\/api\\/v1$/, "") + "/api/v1"}}';

export function apiBaseUrl(credentials: IDataObject): string {
	return `${String(credentials.baseUrl).replace(/\/+$/, '').replace(/\/api\/v1$/, '')}/api/v1`;
}

export const voxStackSpec: ProviderSpec = {
	name: 'VoxStack',
	// {success, data, meta}: records live in `data`.
	unwrap: (body) => (body && typeof body === 'object' && 'data' in (body as IDataObject) ? (body as IDataObject).data : body),
	listItems: (body) => (body as IDataObject)?.data,
	parseError(body, statusCode) {
		const error = body as IDataObject;
		const details = joinMessages(error.details);
		const requestId = (error.meta as IDataObject | undefined)?.request_id;
		return {
			// `error` is documented as text; an object there still reads as its message, never "[object Object]".
			message: joinMessages(error.error) ?? joinMessages(error.message) ?? `HTTP ${statusCode}`,
			description: [details, statusHint(statusCode), requestId ? `Request ID: ${String(requestId)}` : undefined].filter(Boolean).join(' — ') || undefined,
			requestId: requestId ? String(requestId) : undefined,
		};
	},
};

/**
 * VoxStack does not sign webhooks, so the trigger's URL carries a token: HMAC-SHA256 of the
 * trigger's webhook id under the API key. Only holders of the key can produce it, it stays the
 * same across re-activations, and the node can add it to task webhook URLs by itself.
 */
export function triggerToken(apiKey: string, webhookId: string): string {
	return createHmac('sha256', apiKey).update(`voxstack-trigger:${webhookId}`).digest('hex');
}

/** A trigger URL of ours with its `token` query parameter set (webhook ids compare lower-case). */
export function withTriggerToken(url: string, apiKey: string, webhookId: string): string {
	const parsed = new URL(url);
	parsed.searchParams.set('token', triggerToken(apiKey, webhookId.toLowerCase()));
	return parsed.toString();
}
