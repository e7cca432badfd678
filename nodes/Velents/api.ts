import type { IDataObject } from 'n8n-workflow';

import { joinMessages, statusHint } from '../shared/errors';
import type { ProviderSpec } from '../shared/transport';

export const AGENT_CREDENTIAL = 'velentsAgentApi';
export const SUPPORT_CREDENTIAL = 'velentsSupportApi';
/** Header the trigger checks; Dispatch/Batch add it from the credential's webhook secret. */
export const WEBHOOK_SECRET_HEADER = 'X-Webhook-Secret';
/** Header the Velents platform itself sends with a value configured in its dashboard. */
export const PLATFORM_AUTH_HEADER = 'x-velents-authorization';
export const VOICE_CHANNEL_ID = 3;
export const HISTORY_PAGE_SIZE = 100;

export const VELENTS_EVENTS = [
	// The editor turns each name into a trigger entry ("On conversation started"), so the
	// Velents event code stays in the description.
	{ name: 'Conversation Started', value: 'onStarted', description: 'Velents event onStarted' },
	{ name: 'New Message', value: 'onMessage', description: 'Velents event onMessage' },
	{ name: 'Information Extracted', value: 'onUpdate', description: 'Velents event onUpdate' },
	{ name: 'Conversation Ended', value: 'onEnded', description: 'Velents event onEnded' },
	{ name: 'Call Done (Older Format)', value: 'ondone', description: 'Velents event ondone: the older single end-of-call delivery' },
];

/** Velents' document: 403 means the token lacks the ability the endpoint needs. */
const VELENTS_HINTS: Record<number, string> = {
	403: 'The token is valid but lacks the ability this operation needs: use a token of the right type or with that ability.',
};

export const velentsSpec: ProviderSpec = {
	name: 'Velents',
	unwrap: (body) => (body && typeof body === 'object' && 'data' in (body as IDataObject) ? (body as IDataObject).data : body),
	listItems: (body) => (body as IDataObject)?.data,
	// {message, errors: {field: [messages]}} for 422; {message} otherwise.
	parseError(body, statusCode) {
		const error = body as IDataObject;
		const fields = error.errors && typeof error.errors === 'object' ? (error.errors as IDataObject) : undefined;
		if (fields && Object.keys(fields).length) {
			const names = Object.keys(fields);
			return {
				message: `Invalid ${names.join(', ')}`,
				description: joinMessages(fields) ?? String(error.message ?? ''),
			};
		}
		return { message: String(error.message ?? `HTTP ${statusCode}`), description: statusHint(statusCode, VELENTS_HINTS) };
	},
};
