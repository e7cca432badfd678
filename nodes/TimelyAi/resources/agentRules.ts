// Per-agent configuration under /v1/agent/{id}: intentions, idle actions, transfer rules and
// MCP servers and tools (document sections INTENTIONS, IDLE ACTIONS, TRANSFER RULES, MCP).
import type { Field, PathParam } from '../schema';
import { sortAndOrder, timelyResource } from '../schema';

const agentParam = { name: 'agentId', label: 'Agent', picker: 'searchAgents' };
const base = '/v1/agent/{agentId}';

/** Create, Delete, Get Many, Update of one per-agent collection. */
function agentCollection(resource: string, noun: string, segment: string, idParam: PathParam, fields: (create: boolean) => Field[]) {
	const one = `${base}/${segment}/{${idParam.name}}`;
	return timelyResource(resource, [
		{ value: 'create', name: 'Create', action: `Create an agent ${noun}`, description: `Add a ${noun} to an agent`, method: 'POST', path: `${base}/${segment}`, params: [agentParam], body: { mode: 'create', fields: fields(true) } },
		{ value: 'delete', name: 'Delete', action: `Delete an agent ${noun}`, description: `Remove a ${noun} from an agent`, method: 'DELETE', path: one, params: [agentParam, idParam] },
		{ value: 'getAll', name: 'Get Many', action: `Get many agent ${noun}s`, description: `List the ${noun}s of an agent`, method: 'GET', path: `${base}/${segment}`, params: [agentParam], list: true, query: sortAndOrder() },
		{ value: 'update', name: 'Update', action: `Update an agent ${noun}`, description: `Change the given fields of a ${noun}`, method: 'PUT', path: one, params: [agentParam, idParam], body: { mode: 'update', fields: fields(false) } },
	]);
}

export const intention = agentCollection('intention', 'intention', 'intentions', { name: 'intentionId', label: 'Intention', picker: 'searchIntentions' }, (create) => [
	{ key: 'name', label: 'Name', type: 'string', required: create, min: 1, max: 255 },
	{ key: 'description', label: 'Description', type: 'text' },
	{ key: 'examples', label: 'Examples', type: 'list', description: 'Example phrases' },
	{ key: 'action_type', label: 'Action Type', type: 'string', max: 100, placeholder: 'schedule' },
	{ key: 'action_config', label: 'Action Config', type: 'json' },
]);

export const idleAction = agentCollection('idleAction', 'idle action', 'idle-actions', { name: 'actionId', label: 'Idle Action', picker: 'searchIdleActions' }, (create) => [
	{ key: 'name', label: 'Name', type: 'string', required: create, min: 1, max: 255 },
	{ key: 'trigger_after_minutes', label: 'Trigger After Minutes', type: 'integer', required: create, min: 1, max: 1440, description: 'Minutes of customer inactivity before the action runs' },
	{ key: 'action_type', label: 'Action Type', type: 'options', options: ['message', 'send_message', 'transfer', 'close', 'webhook'] },
	{ key: 'action_config', label: 'Action Config', type: 'json' },
	{ key: 'is_active', label: 'Is Active', type: 'boolean' },
]);

export const transferRule = agentCollection('transferRule', 'transfer rule', 'transfer-rules', { name: 'ruleId', label: 'Transfer Rule', picker: 'searchTransferRules' }, (create) => [
	{ key: 'name', label: 'Name', type: 'string', required: create, min: 1, max: 255 },
	{ key: 'condition_type', label: 'Condition Type', type: 'options', required: create, options: ['keyword', 'intent', 'time', 'custom'] },
	{ key: 'target_type', label: 'Target Type', type: 'options', required: create, options: ['agent', 'team', 'department', 'webhook'] },
	{ key: 'condition_config', label: 'Condition Config', type: 'json' },
	{ key: 'target_id', label: 'Target ID', type: 'string', max: 255 },
	{ key: 'priority', label: 'Priority', type: 'integer', min: 0 },
	{ key: 'is_active', label: 'Is Active', type: 'boolean' },
]);

const toolParam = { name: 'toolId', label: 'Tool', picker: 'searchMcpTools' };

export const mcp = timelyResource('mcp', [
	{ value: 'addServer', name: 'Add Server', action: 'Add an MCP server to an agent', description: 'Connect an MCP server to the agent', method: 'POST', path: `${base}/mcp/add`, params: [agentParam],
		body: { mode: 'create', fields: [
			{ key: 'name', label: 'Name', type: 'string', required: true, min: 1, max: 255 },
			{ key: 'url', label: 'URL', type: 'url', required: true },
			{ key: 'type', label: 'Connection Type', type: 'options', options: ['http', 'sse'] },
			{ key: 'auth_config', label: 'Auth Config', type: 'json' },
		] } },
	{ value: 'activateTool', name: 'Activate Tool', action: 'Activate an MCP tool', description: 'Allow the agent to use a tool', method: 'PUT', path: `${base}/mcp/tools/{toolId}/active`, params: [agentParam, toolParam] },
	{ value: 'deactivateTool', name: 'Deactivate Tool', action: 'Deactivate an MCP tool', description: 'Stop the agent from using a tool', method: 'PUT', path: `${base}/mcp/tools/{toolId}/inactive`, params: [agentParam, toolParam] },
	{ value: 'deleteServer', name: 'Delete Server', action: 'Delete an MCP server', description: 'Remove an MCP server and its tools', method: 'DELETE', path: `${base}/mcp/{mcpId}`, params: [agentParam, { name: 'mcpId', label: 'MCP Server', picker: 'searchMcpServers' }] },
	{ value: 'getTools', name: 'Get Tools', action: 'Get MCP tools', description: "List the tools of the agent's MCP servers", method: 'GET', path: `${base}/mcp/tools`, params: [agentParam], list: true, paged: false },
	{ value: 'syncTools', name: 'Sync Tools', action: 'Sync MCP tools', description: 'Rediscover the tools of the MCP servers', method: 'POST', path: `${base}/mcp/sync-tools`, params: [agentParam] },
	{ value: 'testConnection', name: 'Test Connection', action: 'Test an MCP server connection', description: 'Check that an MCP server URL is reachable', method: 'POST', path: `${base}/mcp/connect`, params: [agentParam],
		body: { mode: 'create', fields: [{ key: 'url', label: 'URL', type: 'url', required: true }] } },
]);
