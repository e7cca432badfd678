// Agents with settings, webhooks, conversation, context, credits and behavior history
// (document section AGENTS), and trainings (TRAININGS).
import type { IDataObject } from 'n8n-workflow';

import { resourcePicker } from '../../shared/descriptions';
import { AGENT_MODELS, COMMUNICATION_STYLES } from '../api';
import type { Field } from '../schema';
import { sortAndOrder, timelyResource } from '../schema';

const agentParam = { name: 'agentId', label: 'Agent', picker: 'searchAgents' };
const one = '/v1/agents/{agentId}';

const agentFields = (create: boolean): Field[] => [
	{ key: 'name', label: 'Name', type: 'string', required: create, min: 1, max: 255 },
	{ key: 'description', label: 'Description', type: 'text', max: 1000 },
	{ key: 'model', label: 'Model', type: 'options', options: AGENT_MODELS },
	{ key: 'personality', label: 'Personality', type: 'text', max: 2000 },
	{ key: 'behavior_rules', label: 'Behavior Rules', type: 'list' },
	{ key: 'communication_style', label: 'Communication Style', type: 'options', options: COMMUNICATION_STYLES },
	...(create
		? []
		: [
				{ key: 'max_tokens', label: 'Max Tokens', type: 'integer' as const, min: 1 },
				{ key: 'temperature', label: 'Temperature', type: 'number' as const, min: 0, max: 1 },
			]),
];

/** Each entry of an agent's webhook list, as PUT /agents/{id}/webhooks expects it. */
function checkWebhookList(value: unknown): string | undefined {
	for (const [index, entry] of (value as IDataObject[]).entries()) {
		const where = `entry ${index + 1}`;
		if (!entry || typeof entry !== 'object') return `${where} must be an object`;
		// The document types each entry: url (uri), events (strings), headers (object|null), is_active (boolean).
		if (!URL.canParse(String(entry.url))) return `${where} needs a valid url`;
		if (!Array.isArray(entry.events) || entry.events.some((e) => typeof e !== 'string')) return `${where} needs events as a list of names`;
		if (entry.headers !== undefined && entry.headers !== null && (typeof entry.headers !== 'object' || Array.isArray(entry.headers))) return `${where} has headers that are not an object`;
		if (entry.is_active !== undefined && typeof entry.is_active !== 'boolean') return `${where} has is_active that is not true or false`;
	}
	return undefined;
}

export const agent = timelyResource('agent', [
	{ value: 'activate', name: 'Activate', action: 'Activate an agent', description: 'Activate an inactive agent', method: 'POST', path: `${one}/activate`, params: [agentParam] },
	{ value: 'addContext', name: 'Add Context', action: 'Add context to a conversation', description: 'Add a context message to an ongoing conversation with the agent', method: 'POST', path: `${one}/context`, params: [agentParam],
		body: { mode: 'create', fields: [
			{ key: 'conversation_id', label: 'Conversation ID', type: 'uuid', required: true, picker: 'searchConversations' },
			{ key: 'content', label: 'Content', type: 'text', required: true, min: 1 },
			{ key: 'role', label: 'Role', type: 'options', options: ['system', 'user', 'assistant'] },
		] } },
	{ value: 'converse', name: 'Converse', action: 'Send a message to an agent', description: "Send a message to the agent and get its answer; leave Conversation ID empty to start a new conversation", method: 'POST', path: `${one}/conversation`, params: [agentParam],
		body: { mode: 'create', fields: [
			{ key: 'message', label: 'Message', type: 'text', required: true, min: 1 },
			{ key: 'conversation_id', label: 'Conversation ID', type: 'uuid', picker: 'searchConversations', description: 'Continue this conversation; empty starts a new one' },
			{ key: 'type', label: 'Type', type: 'options', options: ['text', 'image', 'audio'] },
		] } },
	{ value: 'create', name: 'Create', action: 'Create an agent', description: 'Create an AI agent', method: 'POST', path: '/v1/agents', body: { mode: 'create', fields: agentFields(true) } },
	{ value: 'deactivate', name: 'Deactivate', action: 'Deactivate an agent', description: 'Deactivate an active agent', method: 'POST', path: `${one}/deactivate`, params: [agentParam] },
	{ value: 'delete', name: 'Delete', action: 'Delete an agent', description: 'Permanently delete an agent', method: 'DELETE', path: one, params: [agentParam] },
	{ value: 'get', name: 'Get', action: 'Get an agent', description: 'Get an agent', method: 'GET', path: one, params: [agentParam] },
	{ value: 'getAll', name: 'Get Many', action: 'Get many agents', description: 'List agents by status or name', method: 'GET', path: '/v1/agents', list: true,
		query: [...sortAndOrder(['created_at', 'updated_at', 'name', 'status'], true), { key: 'status', label: 'Status', type: 'options', options: ['active', 'inactive'] }] },
	{ value: 'getBehaviorHistory', name: 'Get Behavior History', action: 'Get the behavior history of an agent', description: 'List the changes made to the agent behavior', method: 'GET', path: `${one}/behavior-history`, params: [agentParam], list: true },
	{ value: 'getCredits', name: 'Get Credits', action: 'Get the credit consumption of an agent', description: 'Get credits used in the current period, per day', method: 'GET', path: `${one}/credits`, params: [agentParam] },
	{ value: 'getSettings', name: 'Get Settings', action: 'Get agent settings', description: 'Get the model and response settings of an agent', method: 'GET', path: `${one}/settings`, params: [agentParam] },
	{ value: 'getWebhooks', name: 'Get Webhooks', action: 'Get agent webhooks', description: 'Get the webhooks of an agent', method: 'GET', path: `${one}/webhooks`, params: [agentParam] },
	{ value: 'update', name: 'Update', action: 'Update an agent', description: 'Change the given fields of an agent', method: 'PUT', path: one, params: [agentParam], body: { mode: 'update', fields: agentFields(false) } },
	{ value: 'updateSettings', name: 'Update Settings', action: 'Update agent settings', description: 'Change the given settings of an agent', method: 'PUT', path: `${one}/settings`, params: [agentParam],
		body: { mode: 'update', fields: [
			{ key: 'model', label: 'Model', type: 'options', options: AGENT_MODELS },
			{ key: 'temperature', label: 'Temperature', type: 'number', min: 0, max: 1 },
			{ key: 'max_tokens', label: 'Max Tokens', type: 'integer', min: 1 },
			{ key: 'communication_style', label: 'Communication Style', type: 'options', options: COMMUNICATION_STYLES },
			{ key: 'response_format', label: 'Response Format', type: 'options', options: ['text', 'json', 'markdown'], nullable: true },
			{ key: 'language', label: 'Language', type: 'string', nullable: true, placeholder: 'pt-BR' },
		] } },
	{ value: 'updateWebhooks', name: 'Replace Webhooks', action: 'Replace the webhooks of an agent', description: 'Replace the whole webhook list of an agent (entries not given are removed); the Timely AI Trigger manages its own entry for you', method: 'PUT', path: `${one}/webhooks`, params: [agentParam],
		body: { mode: 'create', fields: [
			{ key: 'webhooks', label: 'Webhooks', type: 'jsonArray', required: true, check: checkWebhookList, description: 'List of {url, events, headers, is_active}' },
		] } },
]);

const trainingParam = { name: 'trainingId', label: 'Training', picker: 'searchTrainings' };
/** Trainings are listed per agent: this picker only narrows the Training list and is not sent. */
const trainingAgent = [{ ...resourcePicker('agentId', 'Agent', 'searchAgents'), required: false, description: 'Agent whose trainings the Training list shows (not sent)' }];

export const training = timelyResource('training', [
	{ value: 'create', name: 'Create', action: 'Create a training', description: 'Train an agent from text, a URL or a file', method: 'POST', path: `${one}/trainings`, params: [agentParam],
		body: { mode: 'create', fields: [
			{ key: 'type', label: 'Type', type: 'options', required: true, options: ['text', 'url', 'file'] },
			{ key: 'content', label: 'Content', type: 'text', description: 'The text, or the URL to learn from (required for text and url)' },
			{ key: 'file_url', label: 'File URL', type: 'string', description: 'Upload URL of the file (file type only)' },
			{ key: 'name', label: 'Name', type: 'string', max: 255 },
		] },
		// The document: content is "required for text and url types"; file_url is only "for file type" (not required).
		bodyRule: (body) => ((body.type === 'text' || body.type === 'url') && !body.content ? ['Content', `is required for ${String(body.type)} trainings`] : undefined) },
	{ value: 'delete', name: 'Delete', action: 'Delete a training', description: 'Permanently delete a training', method: 'DELETE', path: '/v1/trainings/{trainingId}', params: [trainingParam], extraFields: trainingAgent },
	{ value: 'getAll', name: 'Get Many', action: 'Get many trainings', description: 'List the trainings of an agent', method: 'GET', path: `${one}/trainings`, params: [agentParam], list: true,
		query: [
			...sortAndOrder(['created_at', 'updated_at', 'type', 'status']),
			{ key: 'type', label: 'Type', type: 'options', options: ['text', 'url', 'file'] },
			{ key: 'status', label: 'Status', type: 'options', options: ['processing', 'completed', 'failed'] },
		] },
	{ value: 'update', name: 'Update', action: 'Update a training', description: 'Change the content of a text training', method: 'PUT', path: '/v1/trainings/{trainingId}', params: [trainingParam], extraFields: trainingAgent,
		body: { mode: 'update', fields: [{ key: 'content', label: 'Content', type: 'text' }] } },
]);
