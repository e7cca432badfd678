import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { filtersCollection, keyValuePairs, pairsToObject, resourcePicker, returnAllAndLimit } from '../../shared/descriptions';
import { operation, operationsOf, pathParameter } from '../../shared/routing';
import { checkedQuery, inputError, parseJsonValue } from '../../shared/validators';
import { CONVO_PAGE_SIZE, LEAD_STATUSES, convoPaging, convoSpec } from '../api';

const show = { resource: ['lead'] };
const statusOptions = LEAD_STATUSES.map((s) => ({ name: s.charAt(0) + s.slice(1).toLowerCase(), value: s }));

/** Builds `fields` from key/value pairs or JSON, rejecting anything but a flat object. */
async function buildLeadFields(this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
	const mode = this.getNodeParameter('fieldsMode', 'keyValue') as string;
	let fields: unknown;
	if (mode === 'json') {
		const parsed = parseJsonValue(this.getNodeParameter('fieldsJson', '{}'));
		if (!parsed.ok) throw inputError(this.getNode(), this.getItemIndex(), 'Lead Fields (JSON)', `is not valid JSON (${parsed.error})`);
		fields = parsed.value;
	} else {
		fields = pairsToObject(this.getNodeParameter('leadFields.field', []));
	}
	if (!fields || typeof fields !== 'object' || Array.isArray(fields) || Object.keys(fields).length === 0) {
		throw inputError(this.getNode(), this.getItemIndex(), 'Lead Fields', 'must contain at least one field, e.g. name or email');
	}
	options.body = { ...(options.body as IDataObject), fields };
	return options;
}

export const leadOperations = operationsOf('lead', 'getAll', [
	operation(convoSpec, {
		name: 'Create',
		value: 'create',
		action: 'Create a lead',
		description: 'Create a lead, e.g. from a form or another intake',
		method: 'POST',
		url: '/leads',
		preSend: [buildLeadFields],
	}),
	operation(convoSpec, {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many leads',
		description: 'List leads in the workspace, optionally by status',
		method: 'GET',
		url: '/leads',
		paging: convoPaging,
	}),
	operation(convoSpec, {
		name: 'Update Status',
		value: 'updateStatus',
		action: 'Update a lead status',
		description: 'Move a lead to another pipeline stage',
		method: 'PATCH',
		url: '/leads/{leadId}/status',
		preSend: [pathParameter('leadId', 'Lead')],
	}),
]);

export const leadFields: INodeProperties[] = [
	{
		displayName: 'Lead Fields Input',
		name: 'fieldsMode',
		type: 'options',
		options: [
			{ name: 'Field by Field', value: 'keyValue' },
			{ name: 'JSON', value: 'json' },
		],
		default: 'keyValue',
		displayOptions: { show: { ...show, operation: ['create'] } },
	},
	keyValuePairs({
		displayName: 'Lead Fields',
		name: 'leadFields',
		entryName: 'Field',
		keyPlaceholder: 'email',
		description: 'Data stored on the lead, such as name, email and phone',
		displayOptions: { show: { ...show, operation: ['create'], fieldsMode: ['keyValue'] } },
	}),
	{
		displayName: 'Lead Fields (JSON)',
		name: 'fieldsJson',
		type: 'json',
		default: '{\n  "name": "Anna Nowak",\n  "email": "anna@example.com"\n}',
		description: 'An object of lead fields',
		displayOptions: { show: { ...show, operation: ['create'], fieldsMode: ['json'] } },
	},
	{
		displayName: 'Source',
		name: 'source',
		type: 'string',
		default: 'n8n',
		description: 'Where the lead came from, shown in Convo',
		displayOptions: { show: { ...show, operation: ['create'] } },
		routing: { send: { type: 'body', property: 'source', value: '={{ $value || undefined }}' } },
	},
	{
		...resourcePicker('leadId', 'Lead', 'searchLeads', 'any'),
		description: 'The lead to update',
		displayOptions: { show: { ...show, operation: ['updateStatus'] } },
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		required: true,
		options: statusOptions,
		default: 'QUALIFIED',
		description: 'Pipeline stage to move the lead to',
		displayOptions: { show: { ...show, operation: ['updateStatus'] } },
		routing: { send: { type: 'body', property: 'status', preSend: [checkedQuery('status', 'Status', { oneOf: LEAD_STATUSES }, 'body')] } },
	},
	...returnAllAndLimit({ ...show, operation: ['getAll'] }, CONVO_PAGE_SIZE),
	filtersCollection({ ...show, operation: ['getAll'] }, [
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: statusOptions,
			default: 'NEW',
			description: 'Only leads in this pipeline stage',
			routing: { send: { type: 'query', property: 'status', preSend: [checkedQuery('status', 'Status', { oneOf: LEAD_STATUSES })] } },
		},
		{
			displayName: 'Sort',
			name: 'sort',
			type: 'options',
			options: [
				{ name: 'Newest First', value: 'newest' },
				{ name: 'Highest Score First', value: 'score' },
			],
			default: 'newest',
			routing: { send: { type: 'query', property: 'sort', preSend: [checkedQuery('sort', 'Sort', { oneOf: ['newest', 'score'] })] } },
		},
		]),
];
