// Every raia operation, once, through n8n-core's routing engine against the simulator.
import { randomUUID } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { Raia } from '../../../nodes/Raia/Raia.node';
import { ORG_KEY, raiaSuite, rl } from './setup';

type Agent = ReturnType<ReturnType<typeof raiaSuite>['agent']>;

/** A user with limits, a conversation with a question and answer, and a file. */
function fixtures(agent: Agent, org: IDataObject) {
	const user = { id: randomUUID(), firstName: 'Ana', lastName: 'Lima', email: 'ana@example.com', phoneNumber: '+14155550123', fkId: 'crm-42', createdAt: new Date().toISOString(), limits: null as IDataObject | null };
	agent.users.push(user);
	const question = { id: randomUUID(), message: 'Where is my order?', senderRole: 'conversation_user', conversationMessageId: randomUUID(), createdAt: new Date().toISOString(), feedbacks: [] as IDataObject[] };
	const answer = { id: randomUUID(), message: 'It ships tomorrow.', senderRole: 'assistant', conversationMessageId: randomUUID(), createdAt: new Date().toISOString(), feedbacks: [] };
	Object.assign(question, { answer });
	const conversation = { id: randomUUID(), conversationUserId: user.id, title: 'Order question', mode: 'ai', status: 'active', createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), messages: [question, answer] };
	agent.conversations.push(conversation);
	const file = { id: randomUUID(), fileName: 'faq.pdf', url: 'https://files.example.com/faq', createdAt: new Date().toISOString(), isUploadedToVectorStore: false, vectorStoreFileId: null };
	agent.files.push(file);
	return { agent, user, conversation, question, answer, file, role: (org.roles as IDataObject[])[0] };
}
type Fixtures = ReturnType<typeof fixtures>;

interface Case {
	key: 'agent' | 'org';
	resource: string;
	operation: string;
	request: (f: Fixtures) => string;
	params?: (f: Fixtures) => IDataObject;
	expect?: (json: IDataObject[], f: Fixtures) => void;
	items?: () => IDataObject[];
}
const a = (resource: string, operation: string, request: Case['request'], params?: Case['params'], expect?: Case['expect'], items?: Case['items']): Case => ({ key: 'agent', resource, operation, request, params, expect, items });
const o = (resource: string, operation: string, request: Case['request'], params?: Case['params'], expect?: Case['expect']): Case => ({ key: 'org', resource, operation, request, params, expect });
const conv = (f: Fixtures) => `/external/conversations/${f.conversation.id}`;
const limitValues = { tokensAmountPerMonth: 50000, smsAmountPerMonth: 10, emailsAmountPerMonth: 20, secondsAmountPerMonth: 600 };

const cases: Case[] = [
	a('agent', 'get', () => 'GET /external/agents/by-api-key', undefined, (j) => expect(j[0].name).toBe('Concierge')),
	a('agent', 'getStatistics', () => 'GET /external/agents/statistic', () => ({ filters: { startDate: '2026-01-01T00:00:00Z' } }), (j) => expect(j[0].conversations).toBe(1)),
	// Documented as one object (the agent), so one item.
	a('agent', 'getUsers', () => 'GET /external/agents/users', () => ({ returnAll: true }), (j, f) => expect(j.map((u) => u.id)).toEqual([f.agent.id])),
	a('agent', 'getUsage', () => 'GET /external/agents/limits', undefined, (j) => expect(j[0]).toHaveProperty('tokensAmount')),
	a('agent', 'createLimits', () => 'POST /external/agents/limits', () => limitValues, (j) => expect(j[0]).toMatchObject(limitValues)),
	a('agent', 'updateLimits', () => 'PUT /external/agents/limits', (f) => {
		(f.agent as IDataObject).limits = { id: randomUUID(), ...limitValues };
		return { updateFields: { smsAmountPerMonth: 99 } };
	}, (j) => expect(j[0]).toMatchObject({ smsAmountPerMonth: 99, tokensAmountPerMonth: 50000 })),
	a('agent', 'deleteLimits', () => 'DELETE /external/agents/limits'),
	a('agent', 'createWebhook', () => 'POST /external/agents/webhooks', () => ({ title: 'CRM', description: 'Each message to the CRM', url: 'https://crm.example.com/raia', triggerCondition: 'end_dialog', additionalFields: { headers: '{"Authorization":"Bearer x"}' } }), (j) => expect(j[0]).toMatchObject({ triggerCondition: 'end_dialog' })),

	a('agentFile', 'upload', () => 'POST /external/agent-files/upload', () => ({ binaryPropertyName: 'data', autoAddToVectorStore: true }), (j) => expect(j[0]).toMatchObject({ fileName: 'handbook.txt', size: 11, contentType: 'text/plain', isUploadedToVectorStore: true }),
		() => [{ json: {}, binary: { data: { data: Buffer.from('hello raia!').toString('base64'), mimeType: 'text/plain', fileName: 'handbook.txt' } } }]),
	a('agentFile', 'getAll', () => 'GET /external/agent-files/by-api-key', () => ({ returnAll: true }), (j) => expect(j.map((x) => x.fileName)).toEqual(['faq.pdf'])),
	a('agentFile', 'deleteMany', () => 'DELETE /external/agent-files', (f) => ({ fileIds: f.file.id }), (_j, f) => expect(f.agent.files).toHaveLength(0)),
	a('agentFile', 'delete', (f) => `DELETE /external/agent-files/${f.file.id}/delete`, (f) => ({ fileId: f.file.id })),
	a('agentFile', 'addToVectorStore', (f) => `PUT /external/agent-files/${f.file.id}/add-to-vector-store`, (f) => ({ fileId: f.file.id }), (j) => expect(j[0].isUploadedToVectorStore).toBe(true)),
	a('agentFile', 'addToVectorStoreAsync', (f) => `PUT /external/agent-files/${f.file.id}/add-to-vector-store/async`, (f) => ({ fileId: f.file.id }), (j) => expect(j[0].vectorStoreUploadStatus).toBe('in_progress')),
	a('agentFile', 'removeFromVectorStore', (f) => `DELETE /external/agent-files/${f.file.id}/delete-from-vector-store`, (f) => ({ fileId: f.file.id })),

	a('conversation', 'create', () => 'POST /external/conversations', (f) => ({ conversationUserId: f.user.id, additionalFields: { title: 'Refund', customData: '{"orderId":"77"}' } }), (j) => expect(j[0]).toMatchObject({ title: 'Refund', mode: 'ai' })),
	a('conversation', 'deleteAllForUser', () => 'DELETE /external/conversations', (f) => ({ conversationUserId: f.user.id }), (_j, f) => expect(f.agent.conversations).toHaveLength(0)),
	a('conversation', 'get', (f) => `GET ${conv(f)}`, (f) => ({ conversationId: rl(f.conversation.id) }), (j, f) => expect(j[0].id).toBe(f.conversation.id)),
	a('conversation', 'getAll', () => 'GET /external/conversations', () => ({ returnAll: true, filters: { searchKeyword: 'order', orderDirection: 'ASC' } }), (j) => expect(j).toHaveLength(1)),
	a('conversation', 'getStates', () => 'GET /external/conversations/states', () => ({ returnAll: true }), (j) => expect(j.map((s) => s.name)).toEqual(['Open', 'Resolved'])),
	a('conversation', 'start', () => 'POST /external/conversations/start', () => ({ channel: 'sms', firstName: 'Bo', lastName: 'Berg', phoneNumber: '+14155550199', smsIntroduction: 'Hi Bo, this is Ava.' }), (j) => expect(j[0].conversationId).toEqual(expect.any(String))),
	a('conversation', 'update', (f) => `PUT ${conv(f)}`, (f) => ({ conversationId: rl(f.conversation.id), updateFields: { status: 'archived', title: 'Done' } }), (j) => expect(j[0]).toMatchObject({ status: 'archived', title: 'Done' })),
	a('conversation', 'setMode', (f) => `PUT ${conv(f)}/mode`, (f) => ({ conversationId: rl(f.conversation.id), mode: 'manual' }), (j) => expect(j[0].mode).toBe('manual')),

	a('message', 'getAll', (f) => `GET ${conv(f)}/messages`, (f) => ({ conversationId: rl(f.conversation.id), returnAll: true, filters: { orderDirection: 'DESC' } }), (j) => expect(j.map((m) => m.senderRole)).toEqual(['assistant', 'conversation_user'])),
	a('message', 'send', (f) => `POST ${conv(f)}/messages`, (f) => ({ conversationId: rl(f.conversation.id), message: 'Can I return it?' }), (j) => expect(j[0]).toMatchObject({ senderRole: 'assistant', message: expect.stringContaining('Can I return it?') })),
	a('message', 'sendAsync', (f) => `GET ${conv(f)}/messages/{question}/response-on`, (f) => ({ conversationId: rl(f.conversation.id), message: 'Ping', waitForResponse: true, pollInterval: 0.5, maxWait: 10 }),
		(j) => expect(j[0]).toMatchObject({ status: 'completed', message: { senderRole: 'assistant' }, polls: expect.any(Number), waitedSeconds: expect.any(Number) })),
	a('message', 'getResponse', (f) => `GET ${conv(f)}/messages/${f.question.id}/response-on`, (f) => ({ conversationId: rl(f.conversation.id), questionMessageId: f.question.id }), (j) => expect(j[0]).toMatchObject({ status: 'completed', message: { message: 'It ships tomorrow.' } })),
	a('message', 'sendManual', (f) => `POST ${conv(f)}/send-manual-message`, (f) => ({ conversationId: rl(f.conversation.id), message: 'A human here.' }), (j) => expect(j[0].senderRole).toBe('manual_assistant')),
	a('message', 'createFileUploadUrl', (f) => `POST ${conv(f)}/message-files/upload-url`, (f) => ({ conversationId: rl(f.conversation.id), fileName: 'photo.jpg', contentType: 'image/jpeg' }), (j) => expect(String(j[0].storagePath)).toMatch(/photo\.jpg$/)),
	a('message', 'getFileUrl', (f) => `GET ${conv(f)}/message-files/file-7/signed-url`, (f) => ({ conversationId: rl(f.conversation.id), fileId: 'file-7' }), (j) => expect(j[0].fileId).toBe('file-7')),

	a('prompt', 'send', () => 'POST /external/prompts', () => ({ prompt: 'Summarise our refund policy' }), (j) => expect(j[0]).toMatchObject({ status: 'completed', totalTokens: 120 })),
	a('prompt', 'sendAsync', () => 'GET /external/prompts/{prompt}/response-on', () => ({ prompt: 'Long task', waitForResponse: true, pollInterval: 0.5, maxWait: 10 }), (j) => expect(j[0]).toMatchObject({ status: 'completed', response: expect.stringContaining('Long task') })),
	a('prompt', 'getResponse', () => 'GET /external/prompts/{prompt}/response-on', (f) => {
		const id = randomUUID();
		(f.agent.prompts as Map<string, IDataObject>).set(id, { prompt: 'Earlier', readyAt: 0 });
		return { promptId: id };
	}, (j) => expect(j[0].status).toBe('completed')),
	a('prompt', 'createFileUploadUrl', () => 'POST /external/prompts/upload-url', () => ({ fileName: 'brief.pdf', contentType: 'application/pdf' }), (j) => expect(j[0].signedUrl).toEqual(expect.any(String))),

	a('user', 'create', () => 'POST /external/users', () => ({ firstName: 'Caio', lastName: 'Souza', additionalFields: { email: 'caio@example.com', customData: '{"tier":"gold"}' } }), (j) => expect(j[0]).toMatchObject({ email: 'caio@example.com', metadata: { tier: 'gold' } })),
	a('user', 'delete', (f) => `DELETE /external/users/${f.user.id}`, (f) => ({ userId: rl(f.user.id) })),
	a('user', 'get', (f) => `GET /external/users/${f.user.id}`, (f) => ({ userId: rl(f.user.id) }), (j) => expect(j[0].fkId).toBe('crm-42')),
	a('user', 'search', () => 'GET /external/users/search', () => ({ filters: { fkId: 'crm-42' } }), (j, f) => expect(j[0]).toMatchObject({ user: { id: f.user.id }, conversationIds: [f.conversation.id] })),
	a('user', 'getLimits', (f) => `GET /external/users/${f.user.id}/limits`, (f) => ({ userId: rl(f.user.id) }), (j) => expect(j[0].isOrganizationDefault).toBe(true)),
	a('user', 'createLimits', (f) => `POST /external/users/${f.user.id}/limits`, (f) => ({ userId: rl(f.user.id), ...limitValues }), (j) => expect(j[0]).toMatchObject(limitValues)),
	a('user', 'updateLimits', (f) => `PUT /external/users/${f.user.id}/limits`, (f) => {
		f.user.limits = { id: randomUUID() };
		return { userId: rl(f.user.id), ...limitValues, smsAmountPerMonth: 1 };
	}, (j) => expect(j[0].smsAmountPerMonth).toBe(1)),
	a('user', 'deleteLimits', (f) => `DELETE /external/users/${f.user.id}/limits`, (f) => ({ userId: rl(f.user.id) })),
	a('feedback', 'createOrUpdate', () => 'POST /external/conversation-message-feedbacks', (f) => ({ conversationMessageId: f.answer.id, userId: f.user.id, voteType: 'up', question: 'Where is my order?' }), (j) => expect(j[0]).toMatchObject({ voteType: 'up', answer: 'It ships tomorrow.' })),
	a('resourceUsage', 'log', () => 'POST /external/resource-usage', () => ({ type: 'VAPI_SECONDS', amount: 42 }), (_j, f) => expect(f.agent.usageLogs).toEqual([expect.objectContaining({ type: 'VAPI_SECONDS', amount: 42 })])),

	o('organizationAgent', 'create', () => 'POST /external/agents', (f) => ({ name: 'Closer', publicName: 'Cleo', roleId: f.role.id, additionalFields: { model: 'gpt-5', temperature: 0.3 } }), (j) => expect(j[0]).toMatchObject({ name: 'Closer', model: 'gpt-5', outputJsonSchema: '{}', tags: [] })),
	o('organizationAgent', 'update', (f) => `PUT /external/agents/${f.agent.id}`, (f) => ({ agentId: f.agent.id, outputJsonSchema: '{"type":"object"}', updateFields: { status: 'inactive', tags: 'vip, eu' } }), (j) => expect(j[0]).toMatchObject({ status: 'inactive', tags: ['vip', 'eu'], outputJsonSchema: '{"type":"object"}' })),
	o('organizationAgent', 'getUsers', (f) => `GET /external/agents/${f.agent.id}/users`, (f) => ({ agentId: f.agent.id, returnAll: true }), (j) => expect(j).toHaveLength(1)),
	o('agentRole', 'getAll', () => 'GET /external/agent-roles/by-api-key', () => ({ returnAll: true }), (j) => expect(j.map((r) => r.name)).toEqual(['Support', 'Sales'])),
	o('platformUser', 'getAll', () => 'GET /external/platform-users', () => ({ returnAll: true, filters: { role: 'admin' } }), (j) => expect(j.map((u) => u.firstName)).toEqual(['Adam'])),
];

describe('raia › every operation', () => {
	const raia = raiaSuite();

	it('covers each operation of the node exactly once', () => {
		const declared = new Raia().description.properties
			.filter((p) => p.name === 'operation')
			.flatMap((p) => (p.options as Array<{ value: string }>).map((x) => `${(p.displayOptions!.show!.authentication as string[])[0]}.${(p.displayOptions!.show!.resource as string[])[0]}.${x.value}`));
		expect(declared).toHaveLength(49);
		const key = (k: Case) => `${k.key === 'agent' ? 'raiaAgentApi' : 'raiaOrganizationApi'}.${k.resource}.${k.operation}`;
		expect(cases.map(key).sort()).toEqual(declared.sort());
	});

	it.each(cases.map((k) => [`${k.key} key: ${k.resource} → ${k.operation}`, k] as const))('%s', async (_name, k) => {
		const f = fixtures(raia.agent(), raia.org());
		const { items, error } = await raia.run(
			{ authentication: k.key === 'agent' ? 'raiaAgentApi' : 'raiaOrganizationApi', resource: k.resource, operation: k.operation, ...(k.params?.(f) ?? {}) },
			k.items ? { items: k.items() as never } : {},
		);
		expect(error).toBeUndefined();
		const last = raia.requests().at(-1)!;
		const expected = k.request(f).replace(/\{question\}|\{prompt\}/, '[^/]+');
		expect(`${last.method} ${last.path}`).toMatch(new RegExp(`^${expected.replace(/\//g, '\\/')}$`));
		if (k.key === 'org') expect(last.headers['organization-secret-key']).toBe(ORG_KEY);
		else expect(last.headers['agent-secret-key']).toBe(raia.credentials.raiaAgentApi.secretKey);
		k.expect?.(items.map((i) => i.json), f);
	});
});
