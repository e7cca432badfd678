import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { keyValuePairs, pairsToObject } from '../../shared/descriptions';
import { forItemCount } from '../../shared/errors';
import { operation, operationsOf } from '../../shared/routing';
import { withRetry } from '../../shared/transport';
import { compactPhone, inputError, parseJsonValue } from '../../shared/validators';
import { checkTriggerUrl } from '../../shared/webhookAuth';
import { AGENT_CREDENTIAL, VOICE_CHANNEL_ID, WEBHOOK_SECRET_HEADER, velentsSpec } from '../api';

const show = { authentication: [AGENT_CREDENTIAL], resource: ['conversation'] };

/**
 * Reads a parameter as it resolves for any input item: the batch leader builds every item's
 * row itself, so that bad rows are found before the one request is sent.
 */
function parameterFor(context: IExecuteSingleFunctions, path: string, itemIndex: number, fallback?: unknown): unknown {
	let raw: unknown = context.getNode().parameters;
	for (const key of path.split('.')) raw = raw && typeof raw === 'object' ? (raw as IDataObject)[key] : undefined;
	const resolve = (value: unknown): unknown => {
		if (typeof value === 'string' && value.startsWith('=')) return context.evaluateExpression(value.slice(1), itemIndex);
		if (Array.isArray(value)) return value.map(resolve);
		if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
		return value;
	};
	return raw === undefined ? fallback : resolve(raw);
}

function channelFor(context: IExecuteSingleFunctions): number {
	const choice = parameterFor(context, 'channel', 0, VOICE_CHANNEL_ID);
	const id = choice === 'custom' ? Number(parameterFor(context, 'channelId', 0)) : Number(choice);
	// providers.md: channel_id is a number (3 = Voice in the public calling code).
	if (!Number.isInteger(id) || id < 1) throw inputError(context.getNode(), context.getItemIndex(), 'Channel ID', 'must be a positive whole number');
	return id;
}

/** One conversation's phone and values for the given input item. */
function rowFor(context: IExecuteSingleFunctions, itemIndex: number): IDataObject {
	// No phone format is published for Agent.sa: spacing is removed, the rest is the server's to judge.
	const phone = compactPhone(parameterFor(context, 'phone', itemIndex, ''));
	if (!phone) throw inputError(context.getNode(), itemIndex, 'Phone', 'is required');
	let values: unknown;
	if (parameterFor(context, 'valuesMode', itemIndex, 'keyValue') === 'json') {
		const parsed = parseJsonValue(parameterFor(context, 'valuesJson', itemIndex, '{}'));
		if (!parsed.ok) throw inputError(context.getNode(), itemIndex, 'Values (JSON)', `is not valid JSON (${parsed.error})`);
		values = parsed.value ?? {};
		if (typeof values !== 'object' || values === null || Array.isArray(values)) {
			throw inputError(context.getNode(), itemIndex, 'Values (JSON)', 'must be a JSON object of variable names and values');
		}
	} else {
		values = pairsToObject(parameterFor(context, 'values.value', itemIndex, []), 'key');
	}
	return { phone, values: values as IDataObject };
}

function tryRow(context: IExecuteSingleFunctions, itemIndex: number): IDataObject | NodeOperationError {
	try {
		return rowFor(context, itemIndex);
	} catch (error) {
		return error instanceof NodeOperationError ? error : new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	}
}

/**
 * webhook {link, body, headers}; the credential's webhook secret is added to the headers only
 * when the link is a trigger URL of this n8n instance. A link of that shape on another host is
 * refused (it would leak the secret, or the trigger would never authenticate the events).
 */
async function webhookFor(context: IExecuteSingleFunctions, itemIndex: number): Promise<IDataObject | undefined> {
	const options = (parameterFor(context, 'webhook', itemIndex, {}) as IDataObject) ?? {};
	const link = String(options.link ?? '').trim();
	if (!link) return undefined;
	if (!/^https?:\/\/\S+$/i.test(link)) throw inputError(context.getNode(), itemIndex, 'Webhook Link', 'must be an http(s) URL');
	const webhook: IDataObject = { link };
	if (options.bodyJson !== undefined && options.bodyJson !== '') {
		const parsed = parseJsonValue(options.bodyJson);
		if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
			throw inputError(context.getNode(), itemIndex, 'Webhook Body', 'must be a JSON object');
		}
		webhook.body = parsed.value as IDataObject;
	}
	const headers = pairsToObject((options.headers as IDataObject)?.header) as IDataObject;
	const target = checkTriggerUrl(context, link, 'webhook');
	if (target.kind === 'foreignTrigger') {
		throw inputError(
			context.getNode(),
			itemIndex,
			'Webhook Link',
			`is a trigger URL on another host than this n8n (${target.instance}); the Webhook Secret is sent only to this n8n's own triggers. Use this n8n's Velents Trigger URL, or set WEBHOOK_URL to this n8n's public address`,
		);
	}
	if (target.kind === 'own') {
		const { webhookSecret } = await context.getCredentials(AGENT_CREDENTIAL);
		if (webhookSecret) headers[WEBHOOK_SECRET_HEADER] = webhookSecret;
	}
	if (Object.keys(headers).length) webhook.headers = headers;
	return webhook;
}

async function dispatchBody(this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
	const itemIndex = this.getItemIndex();
	const webhook = await webhookFor(this, itemIndex);
	options.body = { channel_id: channelFor(this), ...rowFor(this, itemIndex), ...(webhook ? { webhook } : {}) };
	return options;
}

/**
 * Every input item becomes one row of a single Batch request: item 0 leads and sends it,
 * the others return nothing. With Continue On Fail, bad rows become error items and the
 * rest are still sent.
 */
async function dispatchBatch(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	if (this.getItemIndex() !== 0) return [];
	const itemCount = (this.getWorkflowDataProxy(0).$input.all() as unknown[]).length;
	const name = String(parameterFor(this, 'batchName', 0, '')).trim();
	// providers.md: the Batch body is {channel_id, name, rows, webhook}.
	if (!name) throw inputError(this.getNode(), 0, 'Batch Name', 'is required');
	const rows: IDataObject[] = [];
	const rowItems: Array<{ item: number }> = [];
	const failed: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		const row = tryRow(this, itemIndex);
		if (row instanceof NodeOperationError) {
			if (!this.continueOnFail()) throw row;
			failed.push({ json: { error: forItemCount(row.message, itemIndex, itemCount) }, pairedItem: { item: itemIndex } });
			continue;
		}
		rows.push(row);
		rowItems.push({ item: itemIndex });
	}
	if (rows.length === 0) {
		// With Continue On Fail every row's own error (naming its field) is the output; nothing is sent.
		if (failed.length) return failed;
		throw new NodeOperationError(this.getNode(), 'No valid rows to dispatch: every input item failed validation');
	}
	const webhook = await webhookFor(this, 0);
	const body = { channel_id: channelFor(this), name, rows, ...(webhook ? { webhook } : {}) };
	const data = { ...requestData, options: { ...requestData.options, body } };
	const [response] = await withRetry(this, velentsSpec, 'POST', async () => await this.makeRoutingRequest(data), 0, String(data.options.baseURL ?? ''));
	const result = velentsSpec.unwrap!(response?.json) as IDataObject;
	return [{ json: { ...result, rowsSent: rows.length, rowsRejected: failed.length }, pairedItem: rowItems }, ...failed];
}

export const dispatchOperations = operationsOf('conversation', 'dispatch', [
	operation(velentsSpec, {
		name: 'Dispatch',
		value: 'dispatch',
		action: 'Start an outbound conversation and get its ID',
		description: 'Start one outbound WhatsApp or voice conversation with a phone number',
		method: 'POST',
		url: '/Integration/Agent/Dispatch',
		preSend: [dispatchBody],
	}),
	operation(velentsSpec, {
		name: 'Dispatch Batch',
		value: 'dispatchBatch',
		action: 'Start outbound conversations in bulk and get the batch',
		description: 'Start one conversation per input item, all in a single request',
		method: 'POST',
		url: '/Integration/Agent/Batch',
		execute: dispatchBatch,
	}),
], { authentication: [AGENT_CREDENTIAL] });

const forOperations = (operations: string[]) => ({ show: { ...show, operation: operations } });

export const dispatchFields: INodeProperties[] = [
	{
		displayName: 'All input items become rows of one batch request: map Phone and Values to item fields with expressions',
		name: 'batchNotice',
		type: 'notice',
		default: '',
		displayOptions: forOperations(['dispatchBatch']),
	},
	{
		displayName: 'Batch Name',
		name: 'batchName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'November renewals',
		description: 'Name of the batch shown in Agent.sa',
		displayOptions: forOperations(['dispatchBatch']),
	},
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		options: [
			{ name: 'Voice', value: VOICE_CHANNEL_ID },
			{ name: 'Other (Enter ID)', value: 'custom' },
		],
		default: VOICE_CHANNEL_ID,
		description: 'Channel the agent uses. Voice is 3; for WhatsApp or others, enter the ID from Agent.sa.',
		displayOptions: forOperations(['dispatch', 'dispatchBatch']),
	},
	{
		displayName: 'Channel ID',
		name: 'channelId',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		// Checked when run (channelFor): Channel may be an expression, which shows this field too.
		default: 1,
		description: 'Required when Channel is Other',
		displayOptions: { show: { ...show, operation: ['dispatch', 'dispatchBatch'], channel: ['custom'] } },
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+966500000001',
		description: 'Number to contact, in international E.164 form; spaces and dashes are removed',
		displayOptions: forOperations(['dispatch', 'dispatchBatch']),
	},
	{
		displayName: 'Values Input',
		name: 'valuesMode',
		type: 'options',
		options: [
			{ name: 'Key and Value Pairs', value: 'keyValue' },
			{ name: 'JSON', value: 'json' },
		],
		default: 'keyValue',
		displayOptions: forOperations(['dispatch', 'dispatchBatch']),
	},
	keyValuePairs({
		displayName: 'Values',
		name: 'values',
		entryName: 'Value',
		keyLabel: 'Key',
		keyPlaceholder: 'order_id',
		description: 'Variables the agent uses in the conversation, e.g. customer name or order ID',
		displayOptions: { show: { ...show, operation: ['dispatch', 'dispatchBatch'], valuesMode: ['keyValue'] } },
	}),
	{
		displayName: 'Values (JSON)',
		name: 'valuesJson',
		type: 'json',
		default: '{\n  "customer_name": "",\n  "order_id": ""\n}',
		displayOptions: { show: { ...show, operation: ['dispatch', 'dispatchBatch'], valuesMode: ['json'] } },
	},
	{
		displayName: 'Webhook',
		name: 'webhook',
		type: 'collection',
		placeholder: 'Add Webhook Option',
		default: {},
		description: 'Where Velents posts the conversation events; use the production URL of a Velents Trigger',
		displayOptions: forOperations(['dispatch', 'dispatchBatch']),
		options: [
			{ displayName: 'Link', name: 'link', type: 'string', default: '', placeholder: 'https://n8n.example.com/webhook/…/webhook' },
			{ displayName: 'Body', name: 'bodyJson', type: 'json', default: '{}', description: 'Extra JSON fields Velents adds to every event' },
			keyValuePairs({
				displayName: 'Headers',
				name: 'headers',
				entryName: 'Header',
				description: "Extra headers Velents sends with every event (the credential's webhook secret is added for you when the link is this n8n's own trigger URL, never for other links)",
			}),
		],
	},
];
