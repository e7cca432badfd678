import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { filtersCollection, resourcePicker, returnAllAndLimit, sortedByName } from '../../shared/descriptions';
import { operation, operationsOf, pathParameter } from '../../shared/routing';
import { checkedQuery, checkWebhookUrl, inputError, normalizePhone, readJsonObject, readList } from '../../shared/validators';
import { checkTriggerUrl } from '../../shared/webhookAuth';
import { TASK_STATUSES, TRIGGER_PATH, VOXSTACK_CREDENTIAL, VOXSTACK_EVENTS, VOXSTACK_PAGE_SIZE, voxStackSpec, withTriggerToken } from '../api';

const show = { resource: ['task'] };
const paging = { type: 'offset' as const, limitParam: 'limit', offsetParam: 'offset', maxPageSize: VOXSTACK_PAGE_SIZE };

/**
 * Checks and shapes the task fields of a collection: E.164 number, JSON context, ISO date,
 * HTTPS webhook URL (with the trigger token added when it is a VoxStack Trigger URL). The document
 * states both rules: "All phone numbers must be in E.164 format", webhook_url "must be HTTPS".
 */
function taskBody(collection: 'additionalFields' | 'updateFields') {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
		const fields = { ...(this.getNodeParameter(collection, {}) as IDataObject) };
		const item = this.getItemIndex();
		if ('to_number' in fields) {
			const phone = normalizePhone(fields.to_number);
			if (!phone) throw inputError(this.getNode(), item, 'To Number', `must be an international number in E.164 form such as +14155550123 (got "${String(fields.to_number)}")`);
			fields.to_number = phone;
		}
		if ('context_data' in fields) fields.context_data = readJsonObject(this, fields.context_data, 'Context Data') ?? {};
		if ('scheduled_at' in fields) {
			const when = String(fields.scheduled_at ?? '');
			if (when && Number.isNaN(Date.parse(when))) throw inputError(this.getNode(), item, 'Scheduled At', `is not a date (got "${when}")`);
			fields.scheduled_at = when ? new Date(when).toISOString() : null;
		}
		if ('webhook_events' in fields) {
			// A multi-select, or an array or comma list from an expression; the document lists the events.
			const events = readList(this.getNode(), item, 'Webhook Events', fields.webhook_events) ?? [];
			const known = VOXSTACK_EVENTS.map((e) => e.value);
			const unknown = events.find((e) => !known.includes(e));
			if (unknown) throw inputError(this.getNode(), item, 'Webhook Events', `must be one of ${known.join(', ')} (got "${unknown}")`);
			fields.webhook_events = events;
		}
		if ('webhook_url' in fields && fields.webhook_url) {
			// The token goes only to this n8n's own VoxStack Trigger URLs; other URLs are sent as given.
			const url = checkWebhookUrl(this, String(fields.webhook_url), 'Webhook URL');
			const target = checkTriggerUrl(this, url, TRIGGER_PATH);
			if (target.kind === 'foreignTrigger') {
				throw inputError(
					this.getNode(),
					item,
					'Webhook URL',
					`is a VoxStack Trigger URL on another host than this n8n (${target.instance}); its access token is added only to this n8n's own trigger URLs. Use this n8n's trigger URL, or set WEBHOOK_URL to this n8n's public address`,
				);
			}
			if (target.kind === 'own') {
				const { apiKey } = await this.getCredentials(VOXSTACK_CREDENTIAL);
				fields.webhook_url = withTriggerToken(url, String(apiKey), target.webhookId);
			} else {
				fields.webhook_url = url;
			}
		}
		if (collection === 'updateFields' && Object.keys(fields).length === 0) {
			throw inputError(this.getNode(), item, 'Update Fields', 'must include at least one field to change');
		}
		options.body = { ...(options.body as IDataObject), ...fields };
		return options;
	};
}

async function requiredNumber(this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
	const raw = this.getNodeParameter('toNumber', '') as string;
	const phone = normalizePhone(raw);
	if (!phone) throw inputError(this.getNode(), this.getItemIndex(), 'To Number', `must be an international number in E.164 form such as +14155550123 (got "${raw}")`);
	options.body = { ...(options.body as IDataObject), to_number: phone };
	return options;
}

const taskPath = pathParameter('taskId', 'Task');

export const taskOperations = operationsOf('task', 'create', [
	operation(voxStackSpec, { name: 'Create', value: 'create', action: 'Create a call task', description: 'Create a task that calls a number with an agent', method: 'POST', url: '/tasks', preSend: [requiredNumber, taskBody('additionalFields')] }),
	operation(voxStackSpec, { name: 'Delete', value: 'delete', action: 'Delete a task', description: 'Delete a pending or failed task', method: 'DELETE', url: '/tasks/{taskId}', preSend: [taskPath] }),
	operation(voxStackSpec, { name: 'Execute', value: 'execute', action: 'Execute a call task and get the call ID', description: 'Place the call of a pending task; returns the call ID', method: 'POST', url: '/tasks/{taskId}/execute', preSend: [taskPath] }),
	operation(voxStackSpec, { name: 'Get', value: 'get', action: 'Get a task', description: 'Get a task with its agent', method: 'GET', url: '/tasks/{taskId}', preSend: [taskPath] }),
	operation(voxStackSpec, { name: 'Get Many', value: 'getAll', action: 'Get many tasks', description: 'List tasks, filtered by agent or status', method: 'GET', url: '/tasks', paging }),
	operation(voxStackSpec, { name: 'Reset', value: 'reset', action: 'Reset a task', description: 'Set a task back to pending so it can be executed again', method: 'POST', url: '/tasks/{taskId}/reset', preSend: [taskPath] }),
	operation(voxStackSpec, { name: 'Update', value: 'update', action: 'Update a task', description: 'Change a pending task', method: 'PATCH', url: '/tasks/{taskId}', preSend: [taskPath, taskBody('updateFields')] }),
]);

const taskFieldOptions: INodeProperties[] = [
	{ displayName: 'Context Data', name: 'context_data', type: 'json', default: '{\n  "customer_name": "",\n  "order_id": ""\n}', description: 'Facts the agent can use during the call, as a JSON object' },
	{ displayName: 'Description', name: 'description', type: 'string', default: '' },
	{ displayName: 'Priority', name: 'priority', type: 'number', typeOptions: { numberPrecision: 0 }, default: 0, description: 'Higher numbers are called first' },
	{ displayName: 'Scheduled At', name: 'scheduled_at', type: 'dateTime', default: '', description: 'When to place the call; empty means when executed' },
	{ displayName: 'Starting Message', name: 'starting_message', type: 'string', default: '', description: 'What the agent says first' },
	{ displayName: 'Webhook Events', name: 'webhook_events', type: 'multiOptions', options: VOXSTACK_EVENTS, default: ['call_started', 'call_completed', 'call_failed'] },
	{
		displayName: 'Webhook URL',
		name: 'webhook_url',
		type: 'string',
		default: '',
		placeholder: 'https://n8n.example.com/webhook/…/voxstack',
		description: "HTTPS address for call events. Paste a VoxStack Trigger's URL of this n8n here: its access token is added for you (never to other hosts).",
	},
];

export const taskFields: INodeProperties[] = [
	{ ...resourcePicker('taskId', 'Task', 'searchTasks'), displayOptions: { show: { ...show, operation: ['get', 'update', 'delete', 'execute', 'reset'] } } },
	{ ...resourcePicker('agentId', 'Agent', 'searchAgents'), displayOptions: { show: { ...show, operation: ['create'] } }, routing: { send: { type: 'body', property: 'agent_id' } } },
	{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', placeholder: 'Call customer', displayOptions: { show: { ...show, operation: ['create'] } }, routing: { send: { type: 'body', property: 'name' } } },
	{ displayName: 'To Number', name: 'toNumber', type: 'string', required: true, default: '', placeholder: '+14155550123', description: 'Number to call, in E.164 form; spaces and dashes are removed', displayOptions: { show: { ...show, operation: ['create'] } } },
	{ displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, displayOptions: { show: { ...show, operation: ['create'] } }, options: taskFieldOptions },
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only pending tasks can be changed',
		displayOptions: { show: { ...show, operation: ['update'] } },
		options: sortedByName([
			...taskFieldOptions,
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{ displayName: 'To Number', name: 'to_number', type: 'string', default: '', placeholder: '+14155550123' },
		]),
	},
	...returnAllAndLimit({ ...show, operation: ['getAll'] }, VOXSTACK_PAGE_SIZE),
	filtersCollection({ ...show, operation: ['getAll'] }, [
		{ ...resourcePicker('agentId', 'Agent', 'searchAgents'), required: false, routing: { send: { type: 'query', property: 'agent_id' } } },
		{ displayName: 'Status', name: 'status', type: 'options', options: TASK_STATUSES.map((s) => ({ name: s.replace('_', ' ').replace(/^./, (c) => c.toUpperCase()), value: s })), default: 'pending', routing: { send: { type: 'query', property: 'status', preSend: [checkedQuery('status', 'Status', { oneOf: TASK_STATUSES })] } } },
		]),
];
