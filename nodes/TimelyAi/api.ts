import type { IDataObject } from 'n8n-workflow';

import type { Paging } from '../shared/pagination';
import { reportedNumber } from '../shared/pagination';
import type { ProviderSpec } from '../shared/transport';

export const TIMELY_CREDENTIAL = 'timelyAiApi';
export const TIMELY_PAGE_SIZE = 100;
/** Header the trigger sets on its own webhook entry and requires on every delivery. */
export const TIMELY_SECRET_HEADER = 'X-Webhook-Secret';
export const TIMELY_EVENTS = [
	{ name: 'Conversation Started', value: 'conversation.started' },
	{ name: 'Conversation Ended', value: 'conversation.ended' },
	{ name: 'Message Received', value: 'message.received' },
];

export const AGENT_MODELS = ['gpt-4o', 'gpt-4o-mini', 'gpt-4-turbo', 'claude-3.7-sonnet', 'claude-3.5-haiku', 'claude-3-opus'] as const;
export const COMMUNICATION_STYLES = ['normal', 'formal', 'casual'] as const;

/** Which scope each missing-scope 403 refers to is in Timely's message; the hint says what to do. */
export const timelySpec: ProviderSpec = {
	name: 'Timely AI',
	unwrap: (body) => (body && typeof body === 'object' && 'data' in (body as IDataObject) ? (body as IDataObject).data : body),
	listItems: (body) => (body as IDataObject)?.data,
	parseError(body, statusCode) {
		const error = ((body as IDataObject)?.error ?? body) as IDataObject;
		const message = String(error.message ?? `HTTP ${statusCode}`);
		const code = error.code ? String(error.code) : undefined;
		const description =
			statusCode === 403
				? 'Add the missing scope to the API key at app.timelyai.com.br/developers, or use a key that has it.'
				: statusCode === 401
					? 'Check the API key in the credential.'
					: undefined;
		return { message: code ? `${message} (${code})` : message, description };
	},
};

/** page/limit with a `pagination` envelope: stops on total_pages, so 1,000 records take 10 requests. */
export const timelyPaging: Paging = {
	type: 'page',
	pageParam: 'page',
	sizeParam: 'limit',
	maxPageSize: TIMELY_PAGE_SIZE,
	hasMore: (body) => {
		const pagination = (body as IDataObject)?.pagination as IDataObject | undefined;
		if (!pagination || pagination.total_pages === undefined) return undefined;
		return Number(pagination.page) < Number(pagination.total_pages);
	},
	report: (body) => {
		const pagination = ((body as IDataObject)?.pagination ?? {}) as IDataObject;
		return { page: reportedNumber(pagination.page), pages: reportedNumber(pagination.total_pages), total: reportedNumber(pagination.total) };
	},
};
