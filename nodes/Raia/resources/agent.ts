// The agent behind the Agent Secret Key (statistics, users, usage and limits, webhooks), and
// agents managed with the Organization Secret Key.
import type { DeclarativeRestApiSettings, IDataObject, IExecutePaginationFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { collectPages } from '../../shared/pagination';
import type { Field } from '../../shared/schema';
import { schemaResource } from '../../shared/schema';
import { withRetry } from '../../shared/transport';
import { TRIGGER_CONDITIONS, agentKey, organizationKey, raia, raiaPaging, raiaSpec } from '../api';

const MODELS = ['gpt-4.1', 'gpt-4.1-nano', 'gpt-4.1-mini', 'gpt-3.5-turbo', 'o3-mini', 'gpt-5-nano', 'gpt-5', 'gpt-5-mini', 'gpt-5.1', 'gpt-5.2', 'gpt-5.4', 'gpt-5.4-mini', 'gpt-5.4-nano', 'gpt-5.5', 'gpt-5.6', 'gpt-5.6-terra', 'gpt-5.6-luna'] as const;
const EFFORT = ['low', 'medium', 'high', 'xhigh', 'minimal', 'none', 'max'] as const;
const pagedUsers: Field[] = [
	{ key: 'orderBy', label: 'Order By', type: 'options', options: ['createdAt'] },
	{ key: 'orderDirection', label: 'Order Direction', type: 'options', options: ['DESC', 'ASC'] },
];

/** Monthly limits; all four are required when creating, any when updating. */
export const limitFields = (create: boolean): Field[] => [
	{ key: 'tokensAmountPerMonth', label: 'Tokens per Month', type: 'number', required: create, min: 0 },
	{ key: 'smsAmountPerMonth', label: 'SMS per Month', type: 'number', required: create, min: 0 },
	{ key: 'emailsAmountPerMonth', label: 'Emails per Month', type: 'number', required: create, min: 0 },
	{ key: 'secondsAmountPerMonth', label: 'Voice Seconds per Month', type: 'number', required: create, min: 0 },
];

/**
 * GET /external/agents/users: the OpenAPI documents the answer as one object (the agent,
 * GetAgentByApiKeyResponseDTO), not as a page of users. That object is one item; a page
 * (`data` list) is read page by page as usual, one item per record.
 */
async function objectOrPages(this: IExecutePaginationFunctions, requestData: DeclarativeRestApiSettings.ResultOptions): Promise<INodeExecutionData[]> {
	const itemIndex = this.getItemIndex();
	const limit = (this.getNodeParameter('returnAll', false) as boolean) ? Infinity : (this.getNodeParameter('limit', 50) as number);
	let single: IDataObject | undefined;
	const records = await collectPages(raiaPaging, limit, async (qs) => {
		const data = { ...requestData, options: { ...requestData.options, qs: { ...requestData.options.qs, ...qs } } };
		const [answer] = await withRetry(this, raiaSpec, 'GET', async () => await this.makeRoutingRequest(data), itemIndex, String(requestData.options.baseURL ?? ''));
		const body = answer?.json as unknown;
		if (typeof body === 'string' && body.trim()) {
			throw new NodeApiError(this.getNode(), { body: body.slice(0, 200) }, { message: 'raia returned a response that is not valid JSON', description: `Body starts with: ${body.slice(0, 200)}`, itemIndex });
		}
		if (Array.isArray(body)) return { body, records: body };
		if (body && typeof body === 'object' && Array.isArray((body as IDataObject).data)) return { body, records: (body as IDataObject).data as IDataObject[] };
		single = body && typeof body === 'object' && Object.keys(body).length ? (body as IDataObject) : undefined;
		return { body: { hasNextPage: false }, records: [] };
	}, (problem) => new NodeApiError(this.getNode(), {}, { message: `raia kept paging GET /external/agents/users without advancing: ${problem}`, itemIndex }));
	if (single) return [{ json: single, pairedItem: { item: itemIndex } }];
	return records.map((record) => ({ json: record as IDataObject, pairedItem: { item: itemIndex } }));
}

export const agent = schemaResource(raia, 'agent', [
	{ value: 'get', name: 'Get', action: 'Get the agent of the key', description: 'Get the agent the Agent Secret Key belongs to', method: 'GET', path: '/external/agents/by-api-key' },
	{ value: 'getStatistics', name: 'Get Statistics', action: 'Get agent statistics', description: 'Tokens, voice seconds, SMS and emails used, optionally for a date range or one user', method: 'GET', path: '/external/agents/statistic',
		query: [
			{ key: 'startDate', label: 'Start Date', type: 'dateTime' },
			{ key: 'endDate', label: 'End Date', type: 'dateTime' },
			// Both are format uuid in the OpenAPI: checked before sending.
			{ key: 'userId', label: 'User ID', type: 'uuid' },
			{ key: 'conversationUserId', label: 'Conversation User ID', type: 'uuid' },
			{ key: 'fkId', label: 'External ID (fkId)', type: 'string' },
			{ key: 'fkUserId', label: 'External User ID (fkUserId)', type: 'string' },
		] },
	{ value: 'getUsers', name: 'Get Users', action: 'Get the users of the agent', description: 'List the conversation users of the agent', method: 'GET', path: '/external/agents/users', list: true, query: pagedUsers, execute: objectOrPages },
	{ value: 'getUsage', name: 'Get Usage', action: 'Get agent usage', description: 'Get what the agent used this month', method: 'GET', path: '/external/agents/limits' },
	{ value: 'createLimits', name: 'Create Limits', action: 'Create agent limits', description: 'Set monthly limits for the agent', method: 'POST', path: '/external/agents/limits', body: { mode: 'create', fields: limitFields(true) } },
	{ value: 'updateLimits', name: 'Update Limits', action: 'Update agent limits', description: 'Change monthly limits of the agent', method: 'PUT', path: '/external/agents/limits', body: { mode: 'update', fields: limitFields(false) } },
	{ value: 'deleteLimits', name: 'Delete Limits', action: 'Delete agent limits', description: 'Remove the monthly limits of the agent', method: 'DELETE', path: '/external/agents/limits' },
	{ value: 'createWebhook', name: 'Create Webhook', action: 'Create an agent webhook', description: 'Register a webhook (raia has no way to list or delete them; the raia Trigger manages one for you)', method: 'POST', path: '/external/agents/webhooks',
		body: { mode: 'create', fields: [
			{ key: 'title', label: 'Title', type: 'string', required: true, min: 1 },
			{ key: 'description', label: 'Description', type: 'string', required: true, min: 1 },
			{ key: 'url', label: 'URL', type: 'url', required: true, pattern: { regex: /^https:\/\//i, hint: 'an https:// address (raia only calls public HTTPS URLs)' } },
			{ key: 'triggerCondition', label: 'Trigger Condition', type: 'options', required: true, options: TRIGGER_CONDITIONS },
			{ key: 'headers', label: 'Headers', type: 'json', description: 'Headers raia sends with every call, as a JSON object' },
		] } },
], agentKey);

/** The agent body fields of raia's OpenAPI (POST /external/agents, PUT /external/agents/{id}). */
const agentDetails = (create: boolean): Field[] => [
	{ key: 'name', label: 'Name', type: 'string', required: create, min: 1 },
	{ key: 'publicName', label: 'Public Name', type: 'string', required: create, min: 1 },
	...(create ? [{ key: 'roleId', label: 'Role ID', type: 'uuid' as const, required: true, description: 'From Agent Role → Get Many' }] : []),
	// Required by the spec on create and on update. On update it replaces the agent's schema, so
	// it has no default there: give the current one (e.g. from an expression) to keep it.
	{ key: 'outputJsonSchema', label: 'Output JSON Schema', type: 'jsonText', required: true, default: create ? '{}' : '',
		description: create ? 'JSON schema of the answers when Output JSON Schema Enabled is on; {} when not used' : 'JSON schema of the answers; raia requires it on every update and replaces the current one' },
	{ key: 'tags', label: 'Tags', type: 'list', required: create, allowEmpty: true },
	{ key: 'description', label: 'Description', type: 'text' },
	{ key: 'instructions', label: 'Instructions', type: 'text' },
	{ key: 'model', label: 'Model', type: 'options', options: MODELS },
	{ key: 'temperature', label: 'Temperature', type: 'number', min: 0, max: 2 },
	{ key: 'topP', label: 'Top P', type: 'number', min: 0, max: 1 },
	{ key: 'reasoningEffort', label: 'Reasoning Effort', type: 'options', options: EFFORT },
	{ key: 'reasoningMode', label: 'Reasoning Mode', type: 'options', options: ['standard', 'pro'] },
	{ key: 'isFileSearchEnabled', label: 'File Search', type: 'boolean' },
	{ key: 'fileSearchMaxNumResults', label: 'File Search Max Results', type: 'integer', min: 1 },
	{ key: 'isCodeInterpreterEnabled', label: 'Code Interpreter', type: 'boolean' },
	{ key: 'isOutputJsonSchemaEnabled', label: 'Output JSON Schema Enabled', type: 'boolean', description: 'Whether answers follow the Output JSON Schema' },
	{ key: 'restrictDocumentsToOwnerOnly', label: 'Restrict Documents to Owner Only', type: 'boolean' },
	...(create
		? [{ key: 'isApiSkillEnabled', label: 'API Skill', type: 'boolean' as const, description: 'Whether the agent API skill is on' }]
		: [
				{ key: 'status', label: 'Status', type: 'options' as const, options: ['active', 'inactive', 'draft'] },
				{ key: 'avatarUrl', label: 'Avatar URL', type: 'url' as const },
				{ key: 'backgroundUrl', label: 'Background URL', type: 'url' as const },
				{ key: 'defaultErrorMessage', label: 'Default Error Message', type: 'text' as const, description: 'What the agent says when it cannot answer' },
			]),
];

export const organizationAgent = schemaResource(raia, 'organizationAgent', [
	{ value: 'create', name: 'Create', action: 'Create an agent', description: 'Create an agent in the organization', method: 'POST', path: '/external/agents', body: { mode: 'create', fields: agentDetails(true) } },
	{ value: 'update', name: 'Update', action: 'Update an agent', description: 'Change the given settings of an agent', method: 'PUT', path: '/external/agents/{agentId}', params: [{ name: 'agentId', label: 'Agent ID' }], body: { mode: 'update', fields: agentDetails(false) } },
	{ value: 'getUsers', name: 'Get Users', action: 'Get the users of an agent', description: 'List the conversation users of any agent of the organization', method: 'GET', path: '/external/agents/{agentId}/users', params: [{ name: 'agentId', label: 'Agent ID' }], list: true, query: pagedUsers },
], organizationKey);

export const agentRole = schemaResource(raia, 'agentRole', [
	{ value: 'getAll', name: 'Get Many', action: 'Get agent roles', description: 'List the agent roles of the organization (needed to create agents)', method: 'GET', path: '/external/agent-roles/by-api-key', list: true, paged: false },
], organizationKey);

export const platformUser = schemaResource(raia, 'platformUser', [
	{ value: 'getAll', name: 'Get Many', action: 'Get platform users', description: 'List the people with access to the organization', method: 'GET', path: '/external/platform-users', list: true, paged: false,
		query: [{ key: 'role', label: 'Role', type: 'options', options: ['owner', 'admin', 'user', 'copilot_user', 'copilot_agent_user', 'copilot_admin'] }] },
], organizationKey);
