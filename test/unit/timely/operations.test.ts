// Every Timely AI operation, once, through n8n-core's routing engine against the simulator.
import type { IDataObject } from 'n8n-workflow';

import { TimelyAi } from '../../../nodes/TimelyAi/TimelyAi.node';
import type { Fixtures } from './setup';
import { fixtures, QR_PNG, rl, timelySuite } from './setup';

interface Case {
	resource: string;
	operation: string;
	params?: (f: Fixtures) => IDataObject;
	request: (f: Fixtures) => string;
	expect?: (json: IDataObject[], f: Fixtures, binary?: IDataObject) => void;
}

const c = (resource: string, operation: string, request: Case['request'], params?: Case['params'], expect?: Case['expect']): Case => ({ resource, operation, request, params, expect });
const deleted = (json: IDataObject[]) => expect(json[0]).toEqual({ deleted: true });

const cases: Case[] = [
	c('system', 'health', () => 'GET /v1/health', undefined, (j) => expect(j[0].status).toBe('ok')),
	c('system', 'me', () => 'GET /v1/me', undefined, (j) => expect(j[0].scopes).toContain('contacts:write')),

	c('contact', 'create', () => 'POST /v1/contacts', () => ({ customer_name: 'Ana', additionalFields: { customer_email: 'ana@x.com', tags: 'vip, b2b', metadata: '{"crm":"42"}' } }), (j) => expect(j[0]).toMatchObject({ customer_name: 'Ana', tags: ['vip', 'b2b'], metadata: { crm: '42' }, status: 'active' })),
	c('contact', 'get', (f) => `GET /v1/contacts/${f.contact.id}`, (f) => ({ contactId: rl(f.contact.id) }), (j, f) => expect(j[0].id).toBe(f.contact.id)),
	c('contact', 'getAll', () => 'GET /v1/contacts', () => ({ returnAll: true, filters: { status: 'active', search: 'joao', sort: 'customer_name', order: 'asc' } }), (j) => expect(j.map((x) => x.customer_name)).toEqual(['Joao Silva'])),
	c('contact', 'update', (f) => `PUT /v1/contacts/${f.contact.id}`, (f) => ({ contactId: rl(f.contact.id), updateFields: { status: 'inactive' } }), (j) => expect(j[0].status).toBe('inactive')),
	c('contact', 'delete', (f) => `DELETE /v1/contacts/${f.contact.id}`, (f) => ({ contactId: rl(f.contact.id) }), deleted),

	c('lead', 'create', () => 'POST /v1/leads', () => ({ customer_name: 'Maria', additionalFields: { score: 75, status: 'qualified', pain_points: 'price' } }), (j) => expect(j[0]).toMatchObject({ score: 75, status: 'qualified', pain_points: ['price'] })),
	c('lead', 'get', (f) => `GET /v1/leads/${f.lead.id}`, (f) => ({ leadId: rl(f.lead.id) })),
	c('lead', 'getAll', () => 'GET /v1/leads', () => ({ returnAll: false, limit: 5, filters: { status: 'new' } }), (j) => expect(j).toHaveLength(1)),
	c('lead', 'update', (f) => `PUT /v1/leads/${f.lead.id}`, (f) => ({ leadId: rl(f.lead.id), updateFields: { status: 'won', score: 95 } }), (j) => expect(j[0]).toMatchObject({ status: 'won', score: 95 })),
	c('lead', 'delete', (f) => `DELETE /v1/leads/${f.lead.id}`, (f) => ({ leadId: rl(f.lead.id) }), deleted),

	c('opportunity', 'create', () => 'POST /v1/opportunities', () => ({ title: 'Deal', additionalFields: { value: 1500.5, probability: 70, stage: 'proposal' } }), (j) => expect(j[0]).toMatchObject({ value: 1500.5, probability: 70 })),
	c('opportunity', 'get', (f) => `GET /v1/opportunities/${f.opportunity.id}`, (f) => ({ opportunityId: f.opportunity.id })),
	c('opportunity', 'getAll', () => 'GET /v1/opportunities', () => ({ returnAll: true, filters: { stage: 'proposal' } }), (j) => expect(j).toHaveLength(1)),
	c('opportunity', 'update', (f) => `PUT /v1/opportunities/${f.opportunity.id}`, (f) => ({ opportunityId: f.opportunity.id, updateFields: { stage: 'won', probability: 100 } }), (j) => expect(j[0].stage).toBe('won')),
	c('opportunity', 'delete', (f) => `DELETE /v1/opportunities/${f.opportunity.id}`, (f) => ({ opportunityId: f.opportunity.id }), deleted),
	c('pipeline', 'getColumns', () => 'GET /v1/pipeline/columns', () => ({ returnAll: true }), (j) => expect(j.map((x) => x.name)).toEqual(['New', 'Qualified', 'Proposal', 'Won'])),

	c('conversation', 'getAll', () => 'GET /v1/conversations', () => ({ returnAll: true, filters: { channel: 'whatsapp' } }), (j) => expect(j).toHaveLength(1)),
	c('conversation', 'get', (f) => `GET /v1/conversations/${f.conversation.id}`, (f) => ({ conversationId: rl(f.conversation.id) })),
	c('conversation', 'delete', (f) => `DELETE /v1/conversations/${f.conversation.id}`, (f) => ({ conversationId: rl(f.conversation.id) }), deleted),
	c('conversation', 'getMessages', (f) => `GET /v1/conversations/${f.conversation.id}/messages`, (f) => ({ conversationId: rl(f.conversation.id), returnAll: true, filters: { order: 'asc' } }), (j) => expect(j.map((x) => x.role)).toEqual(['user', 'assistant'])),
	c('conversation', 'sendMessage', (f) => `POST /v1/conversations/${f.conversation.id}/messages`, (f) => ({ conversationId: rl(f.conversation.id), content: 'Ola!', additionalFields: { type: 'image', media_url: 'https://cdn.example.com/a.png' } }), (j) => expect(j[0]).toMatchObject({ content: 'Ola!', type: 'image' })),
	c('conversation', 'clearMessages', (f) => `DELETE /v1/conversations/${f.conversation.id}/messages`, (f) => ({ conversationId: rl(f.conversation.id) }), (j) => expect(j[0]).toEqual({ deleted: true, count: 2 })),
	c('conversation', 'editMessage', (f) => `PUT /v1/conversations/${f.conversation.id}/messages/${f.message.id}`, (f) => ({ conversationId: rl(f.conversation.id), messageId: f.message.id, content: 'Edited' }), (j) => expect(j[0]).toMatchObject({ content: 'Edited', edited: true })),
	c('conversation', 'deleteMessage', (f) => `DELETE /v1/conversations/${f.conversation.id}/messages/${f.message.id}`, (f) => ({ conversationId: rl(f.conversation.id), messageId: f.message.id }), deleted),
	c('conversation', 'handoff', (f) => `POST /v1/conversations/${f.conversation.id}/human-handoff`, (f) => ({ conversationId: rl(f.conversation.id), additionalFields: { reason: 'Customer asked for a person' } }), (j) => expect(j[0].status).toBe('human_active')),
	c('conversation', 'resumeAi', (f) => `POST /v1/conversations/${f.conversation.id}/ai-resume`, (f) => ({ conversationId: rl(f.conversation.id) }), (j) => expect(j[0].status).toBe('ai_active')),

	c('agent', 'getAll', () => 'GET /v1/agents', () => ({ returnAll: true, filters: { status: 'active' } }), (j) => expect(j.map((x) => x.name)).toEqual(['Sales Assistant'])),
	c('agent', 'create', () => 'POST /v1/agents', () => ({ name: 'Support', additionalFields: { model: 'claude-3.7-sonnet', communication_style: 'formal', behavior_rules: 'be kind, be brief' } }), (j) => expect(j[0]).toMatchObject({ model: 'claude-3.7-sonnet', behavior_rules: ['be kind', 'be brief'] })),
	c('agent', 'get', (f) => `GET /v1/agents/${f.agent.id}`, (f) => ({ agentId: rl(f.agent.id) })),
	c('agent', 'update', (f) => `PUT /v1/agents/${f.agent.id}`, (f) => ({ agentId: rl(f.agent.id), updateFields: { temperature: 0.8, max_tokens: 4096 } }), (j) => expect(j[0]).toMatchObject({ temperature: 0.8, max_tokens: 4096 })),
	c('agent', 'delete', (f) => `DELETE /v1/agents/${f.agent.id}`, (f) => ({ agentId: rl(f.agent.id) }), deleted),
	c('agent', 'deactivate', (f) => `POST /v1/agents/${f.agent.id}/deactivate`, (f) => ({ agentId: rl(f.agent.id) }), (j) => expect(j[0].status).toBe('inactive')),
	c('agent', 'activate', (f) => `POST /v1/agents/${f.agent.id}/activate`, (f) => {
		(f.agent as IDataObject).status = 'inactive';
		return { agentId: rl(f.agent.id) };
	}, (j) => expect(j[0].status).toBe('active')),
	c('agent', 'getSettings', (f) => `GET /v1/agents/${f.agent.id}/settings`, (f) => ({ agentId: rl(f.agent.id) }), (j) => expect(j[0].model).toBe('gpt-4o')),
	c('agent', 'updateSettings', (f) => `PUT /v1/agents/${f.agent.id}/settings`, (f) => ({ agentId: rl(f.agent.id), updateFields: { model: 'claude-3.7-sonnet', language: 'pt-BR', response_format: 'markdown' } }), (j) => expect(j[0]).toMatchObject({ language: 'pt-BR', response_format: 'markdown' })),
	c('agent', 'getWebhooks', (f) => `GET /v1/agents/${f.agent.id}/webhooks`, (f) => ({ agentId: rl(f.agent.id) }), (j) => expect(j[0]).toEqual({ webhooks: [] })),
	c('agent', 'updateWebhooks', (f) => `PUT /v1/agents/${f.agent.id}/webhooks`, (f) => ({ agentId: rl(f.agent.id), webhooks: '[{"url":"https://example.com/hook","events":["message.received"],"is_active":true}]' }), (j) => expect((j[0].webhooks as IDataObject[])[0].url).toBe('https://example.com/hook')),
	c('agent', 'converse', (f) => `POST /v1/agents/${f.agent.id}/conversation`, (f) => ({ agentId: rl(f.agent.id), message: 'Preciso de ajuda' }), (j) => expect(j[0]).toMatchObject({ response: expect.stringContaining('Preciso de ajuda'), tokens_used: 42 })),
	c('agent', 'addContext', (f) => `POST /v1/agents/${f.agent.id}/context`, (f) => ({ agentId: rl(f.agent.id), conversation_id: f.conversation.id, content: 'Customer is VIP' }), (j) => expect(j[0]).toEqual({ success: true })),
	c('agent', 'getCredits', (f) => `GET /v1/agents/${f.agent.id}/credits`, (f) => ({ agentId: rl(f.agent.id) }), (j) => expect(j[0].total_credits).toBe(12.5)),
	c('agent', 'getBehaviorHistory', (f) => `GET /v1/agents/${f.agent.id}/behavior-history`, (f) => ({ agentId: rl(f.agent.id), returnAll: true }), (j) => expect(j[0].change).toBe('created')),

	c('training', 'create', (f) => `POST /v1/agents/${f.agent.id}/trainings`, (f) => ({ agentId: rl(f.agent.id), type: 'url', additionalFields: { content: 'https://docs.example.com', name: 'Docs' } }), (j) => expect(j[0]).toMatchObject({ type: 'url', name: 'Docs' })),
	c('training', 'getAll', (f) => `GET /v1/agents/${f.agent.id}/trainings`, (f) => ({ agentId: rl(f.agent.id), returnAll: true, filters: { type: 'text' } }), (j) => expect(j).toHaveLength(1)),
	c('training', 'update', (f) => `PUT /v1/trainings/${f.training.id}`, (f) => ({ trainingId: f.training.id, updateFields: { content: 'New text' } }), (j) => expect(j[0].content).toBe('New text')),
	c('training', 'delete', (f) => `DELETE /v1/trainings/${f.training.id}`, (f) => ({ trainingId: f.training.id }), deleted),

	c('channel', 'create', () => 'POST /v1/channels', (f) => ({ name: 'Site', type: 'website', agent_id: rl(f.agent.id) }), (j) => expect(j[0]).toMatchObject({ type: 'website', status: 'connecting' })),
	c('channel', 'getAll', () => 'GET /v1/channels', () => ({ returnAll: true, filters: { type: 'whatsapp', status: 'active' } }), (j) => expect(j).toHaveLength(1)),
	c('channel', 'update', (f) => `PUT /v1/channels/${f.channel.id}`, (f) => ({ channelId: rl(f.channel.id), updateFields: { name: 'WhatsApp Sales' } }), (j) => expect(j[0].name).toBe('WhatsApp Sales')),
	c('channel', 'delete', (f) => `DELETE /v1/channels/${f.channel.id}`, (f) => ({ channelId: rl(f.channel.id) }), deleted),
	c('channel', 'getConfig', (f) => `GET /v1/channels/${f.channel.id}/config`, (f) => ({ channelId: rl(f.channel.id) }), (j) => expect(j[0].provider).toBe('zapi')),
	c('channel', 'updateConfig', (f) => `PUT /v1/channels/${f.channel.id}/config`, (f) => ({ channelId: rl(f.channel.id), updateFields: { welcome_message: 'Ola!', auto_reply: false, provider: '' } }), (j) => expect(j[0]).toMatchObject({ welcome_message: 'Ola!', auto_reply: false, provider: null })),
	c('channel', 'getQrCode', (f) => `GET /v1/channels/${f.channel.id}/qr-code`, (f) => ({ channelId: rl(f.channel.id), binaryPropertyName: 'qr' }), (j, _f, binary) => {
		expect(j[0]).toMatchObject({ mimeType: 'image/png', fileSize: QR_PNG.length });
		expect(Buffer.from(String((binary!.qr as IDataObject).data), 'base64').equals(QR_PNG)).toBe(true);
	}),
	c('channel', 'startConversation', (f) => `POST /v1/channels/${f.channel.id}/conversation`, (f) => ({ channelId: rl(f.channel.id), additionalFields: { customer_name: 'Joao', customer_phone: '+5547999999999', initial_message: 'Ola!' } }), (j) => expect(j[0]).toMatchObject({ customer_name: 'Joao', channel: 'whatsapp' })),
	c('channel', 'getWidgetLinks', (f) => `GET /v1/channels/${f.channel.id}/widget/links`, (f) => ({ channelId: rl(f.channel.id) }), (j) => expect(String(j[0].embed_code)).toContain('<script')),
	c('channel', 'updateWidget', (f) => `PUT /v1/channels/${f.channel.id}/widget/settings`, (f) => ({ channelId: rl(f.channel.id), updateFields: { primary_color: '#6366f1', position: 'bottom-left', show_branding: false } }), (j) => expect(j[0]).toMatchObject({ primary_color: '#6366f1', position: 'bottom-left' })),

	c('customField', 'getAll', () => 'GET /v1/custom-fields', () => ({ returnAll: true }), (j) => expect(j.map((x) => x.name)).toEqual(['Cargo'])),
	c('customField', 'create', () => 'POST /v1/custom-fields', () => ({ name: 'Segment', additionalFields: { field_type: 'select', options: 'retail, b2b', display_order: 2 } }), (j) => expect(j[0]).toMatchObject({ field_type: 'select', options: ['retail', 'b2b'] })),
	c('customField', 'update', (f) => `PUT /v1/custom-fields/${f.customField.id}`, (f) => ({ fieldId: f.customField.id, updateFields: { name: 'Job Title', is_required: true } }), (j) => expect(j[0]).toMatchObject({ name: 'Job Title', is_required: true })),
	c('customField', 'archive', (f) => `PUT /v1/custom-fields/${f.customField.id}/archive`, (f) => ({ fieldId: f.customField.id }), (j) => expect(j[0].is_archived).toBe(true)),

	c('interaction', 'getAll', () => 'GET /v1/interactions', (f) => ({ returnAll: true, filters: { status: 'active', agent_id: f.agent.id, from: '2020-01-01T00:00:00Z' } }), (j) => expect(j).toHaveLength(1)),
	c('interaction', 'getMessages', (f) => `GET /v1/interactions/${f.conversation.id}/messages`, (f) => ({ interactionId: rl(f.conversation.id), returnAll: true }), (j) => expect(j).toHaveLength(2)),
	c('interaction', 'close', (f) => `DELETE /v1/interactions/${f.conversation.id}`, (f) => ({ interactionId: rl(f.conversation.id) }), (j) => expect(j[0]).toEqual({ closed: true })),

	c('intention', 'getAll', (f) => `GET /v1/agent/${f.agent.id}/intentions`, (f) => ({ agentId: rl(f.agent.id), returnAll: true }), (j) => expect(j[0].name).toBe('Schedule')),
	c('intention', 'create', (f) => `POST /v1/agent/${f.agent.id}/intentions`, (f) => ({ agentId: rl(f.agent.id), name: 'Cancel', additionalFields: { examples: 'cancel my order', action_config: '{"notify":true}' } }), (j) => expect(j[0]).toMatchObject({ examples: ['cancel my order'], action_config: { notify: true } })),
	c('intention', 'update', (f) => `PUT /v1/agent/${f.agent.id}/intentions/${f.intention.id}`, (f) => ({ agentId: rl(f.agent.id), intentionId: f.intention.id, updateFields: { action_type: 'schedule' } }), (j) => expect(j[0].action_type).toBe('schedule')),
	c('intention', 'delete', (f) => `DELETE /v1/agent/${f.agent.id}/intentions/${f.intention.id}`, (f) => ({ agentId: rl(f.agent.id), intentionId: f.intention.id }), deleted),
	c('idleAction', 'getAll', (f) => `GET /v1/agent/${f.agent.id}/idle-actions`, (f) => ({ agentId: rl(f.agent.id), returnAll: true }), (j) => expect(j).toHaveLength(1)),
	c('idleAction', 'create', (f) => `POST /v1/agent/${f.agent.id}/idle-actions`, (f) => ({ agentId: rl(f.agent.id), name: 'Close', trigger_after_minutes: 1440, additionalFields: { action_type: 'close' } }), (j) => expect(j[0]).toMatchObject({ trigger_after_minutes: 1440 })),
	c('idleAction', 'update', (f) => `PUT /v1/agent/${f.agent.id}/idle-actions/${f.idleAction.id}`, (f) => ({ agentId: rl(f.agent.id), actionId: f.idleAction.id, updateFields: { trigger_after_minutes: 60, is_active: false } }), (j) => expect(j[0]).toMatchObject({ trigger_after_minutes: 60, is_active: false })),
	c('idleAction', 'delete', (f) => `DELETE /v1/agent/${f.agent.id}/idle-actions/${f.idleAction.id}`, (f) => ({ agentId: rl(f.agent.id), actionId: f.idleAction.id }), deleted),
	c('transferRule', 'getAll', (f) => `GET /v1/agent/${f.agent.id}/transfer-rules`, (f) => ({ agentId: rl(f.agent.id), returnAll: true }), (j) => expect(j).toHaveLength(1)),
	c('transferRule', 'create', (f) => `POST /v1/agent/${f.agent.id}/transfer-rules`, (f) => ({ agentId: rl(f.agent.id), name: 'VIP', condition_type: 'intent', target_type: 'team', additionalFields: { priority: 0, condition_config: '{"intent":"vip"}' } }), (j) => expect(j[0]).toMatchObject({ condition_type: 'intent', condition_config: { intent: 'vip' } })),
	c('transferRule', 'update', (f) => `PUT /v1/agent/${f.agent.id}/transfer-rules/${f.transferRule.id}`, (f) => ({ agentId: rl(f.agent.id), ruleId: f.transferRule.id, updateFields: { is_active: false } }), (j) => expect(j[0].is_active).toBe(false)),
	c('transferRule', 'delete', (f) => `DELETE /v1/agent/${f.agent.id}/transfer-rules/${f.transferRule.id}`, (f) => ({ agentId: rl(f.agent.id), ruleId: f.transferRule.id }), deleted),

	c('mcp', 'addServer', (f) => `POST /v1/agent/${f.agent.id}/mcp/add`, (f) => ({ agentId: rl(f.agent.id), name: 'CRM', url: 'https://mcp.example.com/api', additionalFields: { type: 'sse' } }), (j) => expect(j[0]).toMatchObject({ name: 'CRM', type: 'sse' })),
	c('mcp', 'testConnection', (f) => `POST /v1/agent/${f.agent.id}/mcp/connect`, (f) => ({ agentId: rl(f.agent.id), url: 'https://mcp.example.com/api' }), (j) => expect(j[0].status).toBe('connected')),
	c('mcp', 'getTools', (f) => `GET /v1/agent/${f.agent.id}/mcp/tools`, (f) => ({ agentId: rl(f.agent.id), returnAll: true }), (j) => expect(j[0].tool_name).toBe('lookup_order')),
	c('mcp', 'activateTool', (f) => `PUT /v1/agent/${f.agent.id}/mcp/tools/${f.tool.id}/active`, (f) => ({ agentId: rl(f.agent.id), toolId: f.tool.id }), (j, f) => expect(j[0]).toEqual({ tool_id: f.tool.id, active: true })),
	c('mcp', 'deactivateTool', (f) => `PUT /v1/agent/${f.agent.id}/mcp/tools/${f.tool.id}/inactive`, (f) => ({ agentId: rl(f.agent.id), toolId: f.tool.id }), (j, f) => expect(j[0]).toEqual({ tool_id: f.tool.id, active: false })),
	c('mcp', 'syncTools', (f) => `POST /v1/agent/${f.agent.id}/mcp/sync-tools`, (f) => ({ agentId: rl(f.agent.id) }), (j) => expect(j[0].status).toBe('syncing')),
	c('mcp', 'deleteServer', (f) => `DELETE /v1/agent/${f.agent.id}/mcp/${f.mcpServer.id}`, (f) => ({ agentId: rl(f.agent.id), mcpId: f.mcpServer.id }), deleted),

	c('chat', 'delete', (f) => `DELETE /v1/chats/${f.conversation.id}`, (f) => ({ chatId: rl(f.conversation.id) }), (j, f) => expect(j[0]).toEqual({ deleted: true, id: f.conversation.id })),
	c('chat', 'deleteMessages', (f) => `DELETE /v1/chats/${f.conversation.id}/messages`, (f) => ({ chatId: rl(f.conversation.id) }), deleted),
	c('chat', 'deleteMessage', (f) => `DELETE /v1/chats/${f.conversation.id}/messages/${f.message.id}`, (f) => ({ chatId: rl(f.conversation.id), messageId: f.message.id }), deleted),
	c('chat', 'editMessage', (f) => `PUT /v1/chats/${f.conversation.id}/messages/${f.message.id}`, (f) => ({ chatId: rl(f.conversation.id), messageId: f.message.id, content: 'Novo' }), (j) => expect(j[0]).toMatchObject({ content: 'Novo', edited: true })),
	c('chat', 'startHuman', (f) => `POST /v1/chats/${f.conversation.id}/start-human`, (f) => ({ chatId: rl(f.conversation.id) }), (j) => expect(j[0].ai_mode).toBe('paused')),
	c('chat', 'stopHuman', (f) => `POST /v1/chats/${f.conversation.id}/stop-human`, (f) => ({ chatId: rl(f.conversation.id) }), (j) => expect(j[0].ai_mode).toBe('auto')),
];

describe('Timely AI › every operation', () => {
	const timely = timelySuite();

	it('covers each operation of the node exactly once', () => {
		const node = new TimelyAi();
		const declared = node.description.properties
			.filter((p) => p.name === 'operation')
			.flatMap((p) => (p.options as Array<{ value: string }>).map((o) => `${(p.displayOptions!.show!.resource as string[])[0]}.${o.value}`));
		expect(declared).toHaveLength(89);
		expect(cases.map((k) => `${k.resource}.${k.operation}`).sort()).toEqual(declared.sort());
	});

	it.each(cases.map((k) => [`${k.resource} → ${k.operation}`, k] as const))('%s', async (_name, k) => {
		const f = fixtures(timely.data());
		const { items, error } = await timely.run({ resource: k.resource, operation: k.operation, ...(k.params?.(f) ?? {}) });
		expect(error).toBeUndefined();
		const last = timely.requests().at(-1)!;
		expect(`${last.method} ${last.path}`).toBe(k.request(f));
		expect(last.headers['x-api-key']).toBe(timely.credentials.timelyAiApi.apiKey);
		k.expect?.(items.map((i) => i.json), f, items[0]?.binary as IDataObject);
	});
});
