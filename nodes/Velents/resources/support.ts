import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { keyValuePairs, pairsToObject, returnAllAndLimit } from '../../shared/descriptions';
import { reportedNumber } from '../../shared/pagination';
import { operation, operationsOf, pathParameter } from '../../shared/routing';
import { inputError } from '../../shared/validators';
import { HISTORY_PAGE_SIZE, SUPPORT_CREDENTIAL, velentsSpec } from '../api';

const surface = { authentication: [SUPPORT_CREDENTIAL] };

async function ticketBody(this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
	// The document states only that the subject is required; a length limit is the server's to enforce.
	const subject = String(this.getNodeParameter('subject', '')).trim();
	if (!subject) throw inputError(this.getNode(), this.getItemIndex(), 'Subject', 'is required');
	const body: IDataObject = { subject };
	const message = String(this.getNodeParameter('message', '')).trim();
	if (message) body.message = message;
	const extra = pairsToObject(this.getNodeParameter('additionalFields.field', []));
	delete extra.subject;
	Object.assign(body, extra);
	options.body = body;
	return options;
}

async function messageBody(this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
	const message = String(this.getNodeParameter('message', '')).trim();
	if (!message) throw inputError(this.getNode(), this.getItemIndex(), 'Message', 'must not be empty');
	options.body = { message };
	return options;
}

export const accountOperations = operationsOf('account', 'me', [
	operation(velentsSpec, {
		name: 'Get Me',
		value: 'me',
		action: 'Get the tenant of the token',
		description: 'Confirm the token and get its tenant ID and abilities',
		method: 'GET',
		url: '/Company/TenantAuth/me',
	}),
], surface);

export const ticketOperations = operationsOf('ticket', 'create', [
	operation(velentsSpec, {
		name: 'Create',
		value: 'create',
		action: 'Create a support ticket',
		description: 'Open a ticket; the result holds public_id and conversation_id for follow-up messages',
		method: 'POST',
		url: '/Company/Support/Tickets',
		preSend: [ticketBody],
	}),
], surface);

export const supportConversationOperations = operationsOf('supportConversation', 'send', [
	operation(velentsSpec, {
		name: 'Get History',
		value: 'history',
		action: 'Get a conversation history',
		description: 'Get the messages of a ticket conversation, including agent replies',
		method: 'GET',
		url: '/Company/Conversation/{conversationId}/history',
		preSend: [pathParameter('conversationId', 'Conversation ID')],
		paging: {
			type: 'page',
			pageParam: 'page',
			sizeParam: 'per_page',
			maxPageSize: HISTORY_PAGE_SIZE,
			hasMore: (body) => {
				const meta = (body as IDataObject)?.meta as IDataObject | undefined;
				if (meta && meta.current_page !== undefined && meta.last_page !== undefined) return Number(meta.current_page) < Number(meta.last_page);
				const links = (body as IDataObject)?.links as IDataObject | undefined;
				return links ? Boolean(links.next) : undefined;
			},
			report: (body) => {
				const meta = ((body as IDataObject)?.meta ?? {}) as IDataObject;
				const next = ((body as IDataObject)?.links as IDataObject | undefined)?.next;
				return { page: reportedNumber(meta.current_page), pages: reportedNumber(meta.last_page), total: reportedNumber(meta.total), next: typeof next === 'string' && next ? next : undefined };
			},
		},
	}),
	operation(velentsSpec, {
		name: 'Send Message',
		value: 'send',
		action: 'Send a message to a conversation',
		description: "Add the customer's next message to a ticket conversation",
		method: 'POST',
		url: '/Company/Conversation/{conversationId}/Send',
		preSend: [pathParameter('conversationId', 'Conversation ID'), messageBody],
	}),
], surface);

const on = (resource: string, operations: string[]) => ({ show: { ...surface, resource: [resource], operation: operations } });

export const supportFields: INodeProperties[] = [
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		required: true,
		default: '',
		description: 'Ticket subject (up to 255 characters)',
		displayOptions: on('ticket', ['create']),
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: "The customer's first message",
		displayOptions: on('ticket', ['create']),
	},
	keyValuePairs({
		displayName: 'Additional Fields',
		name: 'additionalFields',
		entryName: 'Field',
		description: 'Further ticket fields your Support Center accepts, sent as they are',
		displayOptions: on('ticket', ['create']),
	}),
	{
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'string',
		required: true,
		default: '',
		description: 'The conversation_id returned when the ticket was created',
		displayOptions: on('supportConversation', ['send', 'history']),
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		displayOptions: on('supportConversation', ['send']),
	},
	...returnAllAndLimit({ ...surface, resource: ['supportConversation'], operation: ['history'] }, HISTORY_PAGE_SIZE),
];
