import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { filtersCollection, resourcePicker, returnAllAndLimit, sortedByName } from '../../shared/descriptions';
import { operation, operationsOf, pathParameter } from '../../shared/routing';
import { checkedQuery, inputError, readJsonObject } from '../../shared/validators';
import { VOXSTACK_PAGE_SIZE, voxStackSpec } from '../api';

const show = { resource: ['agent'] };
const JSON_FIELDS = { voice_settings: 'Voice Settings', dtmf_rules: 'DTMF Rules' };

/** Copies the chosen fields into the body, parsing and checking the JSON ones first. */
function agentBody(collection: 'additionalFields' | 'updateFields') {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
		const fields = { ...(this.getNodeParameter(collection, {}) as IDataObject) };
		for (const [key, label] of Object.entries(JSON_FIELDS)) {
			if (key in fields) fields[key] = readJsonObject(this, fields[key], label) ?? null;
		}
		if (collection === 'updateFields' && Object.keys(fields).length === 0) {
			throw inputError(this.getNode(), this.getItemIndex(), 'Update Fields', 'must include at least one field to change');
		}
		options.body = { ...(options.body as IDataObject), ...fields };
		return options;
	};
}

export const agentOperations = operationsOf('agent', 'getAll', [
	operation(voxStackSpec, {
		name: 'Create',
		value: 'create',
		action: 'Create an agent',
		description: 'Create a voice agent with its system prompt',
		method: 'POST',
		url: '/agents',
		preSend: [agentBody('additionalFields')],
	}),
	operation(voxStackSpec, {
		name: 'Delete',
		value: 'delete',
		action: 'Delete an agent',
		description: 'Delete an agent that has no active tasks',
		method: 'DELETE',
		url: '/agents/{agentId}',
		preSend: [pathParameter('agentId', 'Agent')],
	}),
	operation(voxStackSpec, {
		name: 'Get',
		value: 'get',
		action: 'Get an agent',
		description: 'Get an agent with its settings',
		method: 'GET',
		url: '/agents/{agentId}',
		preSend: [pathParameter('agentId', 'Agent')],
	}),
	operation(voxStackSpec, {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many agents',
		description: 'List the agents of your organization',
		method: 'GET',
		url: '/agents',
		paging: { type: 'offset', limitParam: 'limit', offsetParam: 'offset', maxPageSize: VOXSTACK_PAGE_SIZE },
	}),
	operation(voxStackSpec, {
		name: 'Update',
		value: 'update',
		action: 'Update an agent',
		description: 'Change only the given fields of an agent',
		method: 'PATCH',
		url: '/agents/{agentId}',
		preSend: [pathParameter('agentId', 'Agent'), agentBody('updateFields')],
	}),
]);

const optionalFields: INodeProperties[] = [
	{ displayName: 'Description', name: 'description', type: 'string', default: '' },
	{ displayName: 'DTMF Rules', name: 'dtmf_rules', type: 'json', default: '{}', description: 'Keypad input rules, as a JSON object' },
	{ displayName: 'Enabled', name: 'enabled', type: 'boolean', default: true, description: 'Whether the agent can take calls' },
	{ displayName: 'Starting Message', name: 'starting_message', type: 'string', default: '', description: 'What the agent says first' },
	{ displayName: 'Voice Settings', name: 'voice_settings', type: 'json', default: '{\n  "stability": 0.5,\n  "similarity_boost": 0.75\n}', description: 'ElevenLabs voice settings, as a JSON object' },
];

export const agentFields: INodeProperties[] = [
	{ ...resourcePicker('agentId', 'Agent', 'searchAgents'), displayOptions: { show: { ...show, operation: ['get', 'update', 'delete'] } } },
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Customer Service Agent',
		displayOptions: { show: { ...show, operation: ['create'] } },
		routing: { send: { type: 'body', property: 'name' } },
	},
	{
		displayName: 'System Prompt',
		name: 'systemPrompt',
		type: 'string',
		typeOptions: { rows: 5 },
		required: true,
		default: '',
		description: 'Instructions the agent follows on every call',
		displayOptions: { show: { ...show, operation: ['create'] } },
		routing: { send: { type: 'body', property: 'system_prompt' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { ...show, operation: ['create'] } },
		options: optionalFields,
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { ...show, operation: ['update'] } },
		options: sortedByName([
			...optionalFields,
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{ displayName: 'System Prompt', name: 'system_prompt', type: 'string', typeOptions: { rows: 5 }, default: '' },
		]),
	},
	...returnAllAndLimit({ ...show, operation: ['getAll'] }, VOXSTACK_PAGE_SIZE),
	filtersCollection({ ...show, operation: ['getAll'] }, [
		{
			displayName: 'Enabled',
			name: 'enabled',
			type: 'boolean',
			default: true,
			description: 'Whether to list only enabled (or only disabled) agents',
			routing: { send: { type: 'query', property: 'enabled', preSend: [checkedQuery('enabled', 'Enabled', 'boolean')] } },
		},
		]),
];
