import type { IDataObject } from 'n8n-workflow';

import { joinMessages, statusHint } from '../shared/errors';
import type { ProviderSpec } from '../shared/transport';

export const CONVO_CREDENTIAL = 'convoApi';

/** Documented in the seed: the two events its example subscribes to. Others can be typed in. */
export const CONVO_EVENTS = [
	{ name: 'Lead Created', value: 'lead.created' },
	{ name: 'Conversation Closed', value: 'conversation.closed' },
];

export const LEAD_STATUSES = ['NEW', 'QUALIFIED', 'CONTACTED', 'WON', 'LOST'];
export const CONVERSATION_STATUSES = ['OPEN', 'CLOSED'];
/** The API accepts at most this many ids per bulk call. */
export const BULK_CHUNK_SIZE = 200;
export const KNOWLEDGE_MAX_BYTES = 10 * 1024 * 1024;
/** Largest page the list endpoints are used with (limit/offset; not published, see README). */
export const CONVO_PAGE_SIZE = 100;

export const convoSpec: ProviderSpec = {
	name: 'Convo',
	listItems: (body) => (Array.isArray(body) ? body : (body as IDataObject)?.data),
	// Errors look like NestJS's: {statusCode, error, message: string | string[], missingScope?, requestId?}
	parseError(body, statusCode) {
		const error = body as IDataObject;
		const message = joinMessages(error.message) ?? String(error.error ?? `HTTP ${statusCode}`);
		const details: string[] = [];
		if (error.missingScope) details.push(`The token needs the "${String(error.missingScope)}" scope.`);
		if (error.requestId) details.push(`Request ID for Convo support: ${String(error.requestId)}.`);
		const hint = statusHint(statusCode);
		if (!details.length && hint) details.push(hint);
		return { message, description: details.join(' ') || undefined, requestId: error.requestId ? String(error.requestId) : undefined };
	},
};

export const convoPaging = {
	type: 'offset' as const,
	limitParam: 'limit',
	offsetParam: 'offset',
	maxPageSize: CONVO_PAGE_SIZE,
	// The document states no maximum `limit`, so a short page does not prove the end.
	undocumentedCap: true,
};
