import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { filtersCollection, resourcePicker, returnAllAndLimit } from '../../shared/descriptions';
import { operation, operationsOf, pathParameter } from '../../shared/routing';
import { withRetry } from '../../shared/transport';
import { checkedQuery, inputError, isUuid } from '../../shared/validators';
import { BULK_CHUNK_SIZE, CONVERSATION_STATUSES, CONVO_PAGE_SIZE, convoPaging, convoSpec } from '../api';
import { agentLocator, conversationLocator } from './locators';

const show = { resource: ['conversation'] };
const BULK_ACTIONS = ['close', 'reopen', 'assign', 'tag', 'untag'];

/** Accepts an array (from an expression) or ids separated by commas, spaces or new lines. */
function readIds(value: unknown): string[] {
	const list = Array.isArray(value) ? value : String(value ?? '').split(/[\s,;]+/);
	return [...new Set(list.map((v) => String(v).trim()).filter(Boolean))];
}

async function prepareBulk(this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
	const ids = readIds(this.getNodeParameter('conversationIds', ''));
	if (ids.length === 0) throw inputError(this.getNode(), this.getItemIndex(), 'Conversation IDs', 'must list at least one conversation ID');
	const bad = ids.find((id) => !isUuid(id));
	if (bad) throw inputError(this.getNode(), this.getItemIndex(), 'Conversation IDs', `contains "${bad}", which is not a conversation ID (UUID)`);
	const action = String(this.getNodeParameter('bulkAction'));
	// The document lists the actions: one from an expression is checked like the picker's.
	if (!BULK_ACTIONS.includes(action)) throw inputError(this.getNode(), this.getItemIndex(), 'Action', `must be one of ${BULK_ACTIONS.join(', ')} (got "${action}")`);
	const body: IDataObject = { ids, action };
	if (action === 'assign') {
		body.operatorId = String(this.getNodeParameter('operatorId', '')).trim();
		if (!body.operatorId) throw inputError(this.getNode(), this.getItemIndex(), 'Operator ID', 'is required to assign conversations');
	}
	if (action === 'tag' || action === 'untag') {
		body.tagId = String(this.getNodeParameter('tagId', '')).trim();
		if (!body.tagId) throw inputError(this.getNode(), this.getItemIndex(), 'Tag ID', `is required to ${action} conversations`);
	}
	options.body = body;
	return options;
}

/** Sends the ids in chunks of 200 (the API's cap) and returns one summed result. */
async function bulkInChunks(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const body = requestData.options.body as IDataObject;
	const ids = body.ids as string[];
	const chunks = Math.ceil(ids.length / BULK_CHUNK_SIZE);
	const total = { updated: 0, skipped: 0 };
	for (let index = 0; index < chunks; index++) {
		const chunk = ids.slice(index * BULK_CHUNK_SIZE, (index + 1) * BULK_CHUNK_SIZE);
		const data = { ...requestData, options: { ...requestData.options, body: { ...body, ids: chunk } } };
		try {
			const [result] = await withRetry(this, convoSpec, 'POST', async () => await this.makeRoutingRequest(data), this.getItemIndex(), String(data.options.baseURL ?? ''));
			total.updated += Number(result?.json.updated) || 0;
			total.skipped += Number(result?.json.skipped) || 0;
		} catch (error) {
			const done = index * BULK_CHUNK_SIZE;
			const progress = `Chunk ${index + 1} of ${chunks} failed. ${done ? `The first ${done} IDs were already applied (updated ${total.updated}, skipped ${total.skipped}).` : 'Nothing was applied.'}`;
			const apiError = error instanceof NodeApiError ? error : new NodeApiError(this.getNode(), { message: String((error as Error).message) });
			apiError.description = [apiError.description, progress].filter(Boolean).join(' ');
			throw apiError;
		}
	}
	return [{ json: { ...total, action: body.action, requested: ids.length, requests: chunks }, pairedItem: { item: this.getItemIndex() } }];
}

export const conversationOperations = operationsOf('conversation', 'getAll', [
	operation(convoSpec, {
		name: 'Bulk Update',
		value: 'bulk',
		action: 'Bulk update conversations and get the counts',
		description: 'Close, reopen, assign, tag or untag any number of conversations (sent 200 at a time)',
		method: 'POST',
		url: '/conversations/bulk',
		preSend: [prepareBulk],
		execute: bulkInChunks,
	}),
	operation(convoSpec, {
		name: 'Get',
		value: 'get',
		action: 'Get a conversation',
		description: 'Get a conversation with its transcript, sentiment, tags and operator',
		method: 'GET',
		url: '/conversations/{conversationId}',
		preSend: [pathParameter('conversationId', 'Conversation', 'uuid')],
	}),
	operation(convoSpec, {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many conversations',
		description: 'List conversations, filtered by agent, channel, status or tags',
		method: 'GET',
		url: '/conversations',
		paging: convoPaging,
	}),
	operation(convoSpec, {
		name: 'Send Operator Reply',
		value: 'reply',
		action: 'Send an operator reply',
		description: 'Post an operator message into a handed-off conversation; it is delivered through the conversation channel',
		method: 'POST',
		url: '/conversations/{conversationId}/operator-message',
		preSend: [
			pathParameter('conversationId', 'Conversation', 'uuid'),
			async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
				const content = String(this.getNodeParameter('content', '')).trim();
				if (!content) throw inputError(this.getNode(), this.getItemIndex(), 'Message', 'must not be empty');
				options.body = { content };
				return options;
			},
		],
	}),
]);

export const conversationFields: INodeProperties[] = [
	{ ...conversationLocator, displayOptions: { show: { ...show, operation: ['get', 'reply'] } } },
	{
		displayName: 'Message',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		description: 'Text of the operator reply',
		displayOptions: { show: { ...show, operation: ['reply'] } },
	},
	{
		displayName: 'Conversation IDs',
		name: 'conversationIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'ID-1, ID-2 or {{ $json.IDs }}',
		description: 'Any number of conversation IDs, separated by commas or new lines, or an array from an expression',
		displayOptions: { show: { ...show, operation: ['bulk'] } },
	},
	{
		displayName: 'Action',
		name: 'bulkAction',
		type: 'options',
		required: true,
		options: [
			{ name: 'Assign', value: 'assign' },
			{ name: 'Close', value: 'close' },
			{ name: 'Reopen', value: 'reopen' },
			{ name: 'Tag', value: 'tag' },
			{ name: 'Untag', value: 'untag' },
		],
		default: 'close',
		displayOptions: { show: { ...show, operation: ['bulk'] } },
	},
	{
		displayName: 'Operator ID',
		name: 'operatorId',
		type: 'string',
		// Checked when run (prepareBulk): Action may be an expression, which shows this field for every action.
		default: '',
		description: 'Operator to assign the conversations to. Required when Action is Assign.',
		displayOptions: { show: { ...show, operation: ['bulk'], bulkAction: ['assign'] } },
	},
	{
		displayName: 'Tag ID',
		name: 'tagId',
		type: 'string',
		// Checked when run (prepareBulk), like Operator ID.
		default: '',
		description: 'Tag to add or remove. Required when Action is Tag or Untag.',
		displayOptions: { show: { ...show, operation: ['bulk'], bulkAction: ['tag', 'untag'] } },
	},
	...returnAllAndLimit({ ...show, operation: ['getAll'] }, CONVO_PAGE_SIZE),
	filtersCollection({ ...show, operation: ['getAll'] }, [
		{
			...agentLocator,
			required: false,
			description: 'Only conversations handled by this agent',
			routing: { send: { type: 'query', property: 'agentId', preSend: [checkedQuery('agentId', 'Agent', 'uuid')] } },
		},
		{
			...resourcePicker('channelId', 'Channel', 'searchChannels'),
			required: false,
			description: 'Only conversations on this channel',
			routing: { send: { type: 'query', property: 'channelId', preSend: [checkedQuery('channelId', 'Channel', 'uuid')] } },
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: CONVERSATION_STATUSES.map((s) => ({ name: s.charAt(0) + s.slice(1).toLowerCase(), value: s })),
			default: 'OPEN',
			routing: { send: { type: 'query', property: 'status', preSend: [checkedQuery('status', 'Status', { oneOf: CONVERSATION_STATUSES })] } },
		},
		{
			displayName: 'Tag IDs',
			name: 'tagIds',
			type: 'string',
			default: '',
			description: 'Comma-separated tag IDs, or an array from an expression; conversations with any of them match',
			// Sent as one comma-separated value, as the document describes it.
			routing: { send: { type: 'query', property: 'tagIds', preSend: [checkedQuery('tagIds', 'Tag IDs', { list: 'comma' })] } },
		},
		]),
];
