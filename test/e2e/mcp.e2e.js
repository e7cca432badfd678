'use strict';
// Our five nodes exposed over MCP by n8n's MCP Server Trigger, driven by the official MCP
// TypeScript SDK client over the Streamable HTTP transport n8n serves: the client lists the
// tools with their names, descriptions and input schemas, and each call reaches the provider
// sandbox with the documented request and returns the provider's data.
const assert = require('node:assert/strict');
const { after, before, describe, it } = require('node:test');

const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');

const { startN8n } = require('./n8n');
const { startSimulators, createSandboxCredentials, sandboxCredentialData } = require('./sandbox');
const { fromAi, node } = require('./workflows');

const rl = (value) => ({ __rl: true, mode: 'id', value });
const MCP_PATH = 'agent-platforms';

describe('our nodes as MCP tools in a real n8n', { timeout: 900_000 }, () => {
	let n8n;
	let sims;
	let client;
	let skip;
	const started = Date.now();

	before(async () => {
		sims = await startSimulators();
		n8n = await startN8n();
		const types = (await n8n.rest('GET', '/types/nodes.json')).map((t) => t.name);
		if (!types.includes('@n8n/n8n-nodes-langchain.mcpTrigger')) {
			skip = `n8n ${n8n.version} has no MCP Server Trigger`;
			return;
		}
		const credentials = await createSandboxCredentials(n8n, sims);
		const tool = (name, type, credential, parameters) => node(name, n8n.type(type), parameters, { credentials: { [credential]: credentials[credential] } });
		const tools = [
			tool('Convo Send Operator Reply', 'convoTool', 'convoApi', {
				resource: 'conversation',
				operation: 'reply',
				conversationId: rl(fromAi('conversationId', 'ID (UUID) of the Convo conversation to reply in')),
				content: fromAi('message', 'The reply to send to the customer'),
			}),
			tool('Velents Start Call', 'velentsTool', 'velentsAgentApi', {
				authentication: 'velentsAgentApi',
				resource: 'conversation',
				operation: 'dispatch',
				channel: 3,
				phone: fromAi('phone', 'Phone number to call, in E.164 form such as +966500000001'),
				valuesMode: 'keyValue',
				values: { value: [{ key: 'customer_name', value: fromAi('customerName', 'Name of the customer') }] },
			}),
			tool('VoxStack Create Call Task', 'voxStackTool', 'voxStackApi', {
				resource: 'task',
				operation: 'create',
				agentId: rl(sims.voxstack.data().agents[0].id),
				name: fromAi('taskName', 'Short name of the call task'),
				toNumber: fromAi('phone', 'Number to call, in E.164 form such as +14155550123'),
			}),
			tool('Timely AI Find Contact', 'timelyAiTool', 'timelyAiApi', {
				resource: 'contact',
				operation: 'getAll',
				limit: 5,
				filters: { search: fromAi('search', 'Name, email or phone of the contact') },
			}),
			tool('raia Ask Agent', 'raiaTool', 'raiaAgentApi', {
				authentication: 'raiaAgentApi',
				resource: 'prompt',
				operation: 'sendAsync',
				prompt: fromAi('prompt', 'The question for the raia agent'),
				waitForResponse: true,
				pollInterval: 0.5,
				maxWait: 30,
			}),
		];
		const trigger = node('MCP Server Trigger', '@n8n/n8n-nodes-langchain.mcpTrigger', { path: MCP_PATH }, { typeVersion: 2, webhookId: MCP_PATH });
		const connections = Object.fromEntries(tools.map((t) => [t.name, { ai_tool: [[{ node: trigger.name, type: 'ai_tool', index: 0 }]] }]));
		const id = await n8n.createWorkflow({ name: 'Agent platforms over MCP', nodes: [trigger, ...tools], connections });
		const status = await n8n.activate(id);
		assert.equal(status.status, 'published', JSON.stringify(status));
		client = new Client({ name: 'agent-platforms-e2e', version: '1.0.0' });
		await client.connect(new StreamableHTTPClientTransport(new URL(`${n8n.baseUrl}/mcp/${MCP_PATH}`)));
	});

	after(async () => {
		console.log(`# mcp suite on n8n ${n8n?.version}: ${Math.round((Date.now() - started) / 1000)} s`);
		await client?.close().catch(() => {});
		await n8n?.stop();
		await sims?.close();
	});

	/** The text content of a tool result, parsed as JSON where it is JSON. */
	function contentOf(result) {
		const text = result.content.filter((c) => c.type === 'text').map((c) => c.text).join('');
		try {
			return JSON.parse(text);
		} catch {
			return text;
		}
	}
	const single = (value) => {
		const list = Array.isArray(value) ? value : [value];
		assert.equal(list.length, 1, JSON.stringify(value));
		return list[0];
	};
	async function call(sim, name, args) {
		const before = sim.state.requests.length;
		const result = await client.callTool({ name, arguments: args });
		return { result, data: contentOf(result), requests: sim.state.requests.slice(before) };
	}

	it('lists our five tools with names, descriptions and input schemas', async (t) => {
		if (skip) return t.skip(skip);
		const { tools } = await client.listTools();
		const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
		assert.deepEqual(Object.keys(byName).sort(), ['Convo_Send_Operator_Reply', 'Timely_AI_Find_Contact', 'Velents_Start_Call', 'VoxStack_Create_Call_Task', 'raia_Ask_Agent']);
		const expected = {
			Convo_Send_Operator_Reply: [/Convo/, ['conversationId', 'message']],
			Velents_Start_Call: [/Velents/, ['customerName', 'phone']],
			VoxStack_Create_Call_Task: [/VoxStack/, ['phone', 'taskName']],
			Timely_AI_Find_Contact: [/Timely AI/, ['search']],
			raia_Ask_Agent: [/raia/, ['prompt']],
		};
		for (const [name, [provider, keys]] of Object.entries(expected)) {
			const tool = byName[name];
			assert.match(tool.description, provider);
			assert.deepEqual(Object.keys(tool.inputSchema.properties).sort(), keys);
			assert.deepEqual([...tool.inputSchema.required].sort(), keys);
			for (const key of keys) assert.ok(tool.inputSchema.properties[key].description.length > 5, `${name}.${key} has no description`);
			console.log(`# MCP tool ${name}: "${tool.description}", input schema ${JSON.stringify(tool.inputSchema).length} bytes`);
		}
	});

	it('Convo: the reply reaches the conversation and the client gets the sent message', async (t) => {
		if (skip) return t.skip(skip);
		const conversation = sims.convo.workspaces()['ws-a'].conversations[1];
		const { data, requests } = await call(sims.convo, 'Convo_Send_Operator_Reply', { conversationId: conversation.id, message: 'An operator is with you now.' });
		assert.deepEqual(requests.map((r) => [r.method, r.path, r.body]), [['POST', `/api/v1/conversations/${conversation.id}/operator-message`, { content: 'An operator is with you now.' }]]);
		assert.deepEqual(single(data), conversation.messages.at(-1));
	});

	it('Velents: the dispatch is sent as documented and returns the queued conversation', async (t) => {
		if (skip) return t.skip(skip);
		const { data, requests } = await call(sims.velents, 'Velents_Start_Call', { phone: '+966500000077', customerName: 'Omar' });
		assert.deepEqual(requests.map((r) => [r.method, r.path, r.body]), [['POST', '/Integration/Agent/Dispatch', { channel_id: 3, phone: '+966500000077', values: { customer_name: 'Omar' } }]]);
		assert.deepEqual(single(data), { conversation_id: sims.velents.data().conversations.at(-1).id, phone: '+966500000077', status: 'queued' });
	});

	it('VoxStack: the call task is created and returned', async (t) => {
		if (skip) return t.skip(skip);
		const agent = sims.voxstack.data().agents[0];
		const { data, requests } = await call(sims.voxstack, 'VoxStack_Create_Call_Task', { taskName: 'Renewal reminder', phone: '+1 415 555 0199' });
		assert.deepEqual(requests.map((r) => [r.method, r.path, r.body]), [['POST', '/api/v1/tasks', { agent_id: agent.id, name: 'Renewal reminder', to_number: '+14155550199' }]]);
		const task = sims.voxstack.data().tasks.at(-1);
		assert.equal(single(data).id, task.id);
		assert.equal(single(data).status, 'pending');
	});

	it('Timely AI: the contact search returns the matching contact', async (t) => {
		if (skip) return t.skip(skip);
		const { apiKey } = sandboxCredentialData(sims).timelyAiApi.data;
		const res = await fetch(`${sims.timely.url}/v1/contacts`, { method: 'POST', headers: { 'x-api-key': apiKey, 'content-type': 'application/json' }, body: JSON.stringify({ customer_name: 'Carla Reis', customer_email: 'carla@example.com' }) });
		assert.equal(res.status, 201);
		const { data, requests } = await call(sims.timely, 'Timely_AI_Find_Contact', { search: 'carla@' });
		assert.deepEqual(requests.map((r) => [r.method, r.path, r.query]), [['GET', '/v1/contacts', { search: 'carla@', page: '1', limit: '5' }]]);
		assert.equal(single(data).customer_name, 'Carla Reis');
	});

	it('raia: the async prompt is waited for and the answer returned', async (t) => {
		if (skip) return t.skip(skip);
		const { data, requests } = await call(sims.raia, 'raia_Ask_Agent', { prompt: 'What is the refund policy?' });
		assert.deepEqual([requests[0].method, requests[0].path, requests[0].body], ['POST', '/external/prompts/async', { prompt: 'What is the refund policy?' }]);
		const answer = single(data);
		assert.equal(answer.status, 'completed');
		assert.match(answer.response, /refund policy/);
		assert.equal(requests.length, 1 + answer.polls);
	});

	it('a bad argument comes back to the client as a readable tool error naming the field', async (t) => {
		if (skip) return t.skip(skip);
		// VoxStack documents E.164 for task numbers, so a bad phone is refused before sending.
		const before = sims.voxstack.state.requests.length;
		const { result, data } = await call(sims.voxstack, 'VoxStack_Create_Call_Task', { taskName: 'Callback', phone: '12' });
		const text = JSON.stringify(data);
		console.log(`# MCP tool error: ${JSON.stringify(result).slice(0, 400)}`);
		assert.equal(result.isError, true);
		assert.match(text, /To Number must be an international number/);
		assert.equal(sims.voxstack.state.requests.length, before);
		// An unknown ID goes to the provider; its answer comes back as the error.
		const unknown = await call(sims.convo, 'Convo_Send_Operator_Reply', { conversationId: '00000000-0000-4000-8000-000000000000', message: 'Hello' });
		assert.equal(unknown.result.isError, true);
		assert.match(JSON.stringify(unknown.data), /Conversation not found/);
		const notUuid = await call(sims.convo, 'Convo_Send_Operator_Reply', { conversationId: 'conv-42', message: 'Hello' });
		assert.equal(notUuid.result.isError, true);
		assert.match(JSON.stringify(notUuid.data), /Conversation must be a UUID \(got \\"conv-42\\"\)/);
		assert.equal(notUuid.requests.length, 0);
		// The server keeps serving: the next call works.
		const next = await call(sims.velents, 'Velents_Start_Call', { phone: '+966500000078', customerName: 'Omar' });
		assert.equal(single(next.data).status, 'queued');
	});
});
