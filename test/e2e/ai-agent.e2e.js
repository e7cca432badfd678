'use strict';
// Every provider as a tool of n8n's AI Agent, in a real n8n: Webhook → AI Agent (OpenAI Chat
// Model pointed at the scripted model simulator + one of our Tool nodes whose parameters the
// model fills in with $fromAI) → Respond to Webhook. The model asks for the tool with given
// arguments; the test checks the provider received exactly the documented request, the model
// got the provider's data back as the tool result, and the caller got the model's final text.
const assert = require('node:assert/strict');
const { after, before, describe, it } = require('node:test');

const { startN8n } = require('./n8n');
const { startSimulators, createSandboxCredentials, sandboxCredentialData } = require('./sandbox');
const { agentChain, fromAi, node } = require('./workflows');

const rl = (value) => ({ __rl: true, mode: 'id', value });
const toolName = (nodeName) => nodeName.replace(/[^a-zA-Z0-9_-]/g, '_');
/** The final text quotes the last tool result, so the test can see it reached the caller. */
const quote = (results) => `Done. The tool answered: ${JSON.stringify(results.at(-1)?.content)}`;

describe('our nodes as AI Agent tools in a real n8n', { timeout: 900_000 }, () => {
	let n8n;
	let sims;
	let credentials;
	const started = Date.now();

	before(async () => {
		sims = await startSimulators();
		n8n = await startN8n();
		credentials = await createSandboxCredentials(n8n, sims);
	});

	after(async () => {
		console.log(`# ai-agent suite on n8n ${n8n?.version}: ${Math.round((Date.now() - started) / 1000)} s`);
		await n8n?.stop();
		await sims?.close();
	});

	const credentialOf = (type) => ({ [type]: credentials[type] });
	let paths = 0;

	/**
	 * Builds and publishes Webhook → AI Agent with the given tools, scripts the model with
	 * `steps` for `message`, sends it, and returns the answer, the model's recorded requests and
	 * the provider requests made meanwhile.
	 */
	async function runAgent({ tools, message, steps, sim }) {
		const path = `agent-${++paths}`;
		const id = await n8n.createWorkflow(agentChain(`Agent ${paths}`, path, { model: credentials.openAiApi, tools }));
		const status = await n8n.activate(id);
		assert.equal(status.status, 'published', JSON.stringify(status));
		sims.llm.script(message, steps);
		const before = sim.state.requests.length;
		const res = await fetch(`${n8n.baseUrl}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) });
		const text = await res.text();
		assert.equal(res.status, 200, text);
		const calls = sims.llm.callsFor(message);
		const execution = await n8n.waitFor('the finished execution', async () => (await n8n.executions(id)).find((e) => e.finished || e.status === 'error'), 30_000);
		return { answer: JSON.parse(text), calls, requests: sim.state.requests.slice(before), execution };
	}

	/** The tool calls the model made and the tool results it got back, in order. */
	function toolTurns(calls) {
		const messages = calls.at(-1).body.messages;
		const asked = messages.filter((m) => m.role === 'assistant' && m.tool_calls).flatMap((m) => m.tool_calls);
		return asked.map((call) => {
			const result = messages.find((m) => m.role === 'tool' && m.tool_call_id === call.id);
			let content = result?.content;
			try {
				content = JSON.parse(content);
			} catch {
				// plain text result
			}
			return { name: call.function.name, args: JSON.parse(call.function.arguments), result: content };
		});
	}

	/** The provider's data as the tool gave it to the model: the one output item's JSON. */
	function single(result) {
		const list = Array.isArray(result) ? result : [result];
		assert.equal(list.length, 1, JSON.stringify(result));
		return list[0];
	}

	it('loads the five tool node types', async () => {
		const types = (await n8n.rest('GET', '/types/nodes.json')).map((t) => t.name);
		for (const name of ['convoTool', 'velentsTool', 'voxStackTool', 'timelyAiTool', 'raiaTool']) assert.ok(types.includes(n8n.type(name)), `${name} missing`);
	});

	it('the OpenAI credential pointed at the scripted model passes its test (GET /v1/models)', async () => {
		const before = sims.llm.state.requests.length;
		assert.equal((await n8n.testCredential(credentials.openAiApi.id)).status, 'OK');
		assert.deepEqual(sims.llm.state.requests.slice(before).map((r) => [r.method, r.path, r.headers.authorization]), [['GET', '/v1/models', `Bearer ${sandboxCredentialData(sims).openAiApi.data.apiKey}`]]);
	});

	/** The agent ran the tool node with exactly the arguments the model gave (n8n records them as its input). */
	function assertToolRan(execution, nodeName, args, run = 0) {
		const runs = execution.data.resultData.runData[nodeName];
		assert.ok(runs?.[run], `${nodeName} did not run: ${Object.keys(execution.data.resultData.runData)}`);
		const input = runs[run].inputOverride?.ai_tool?.[0]?.[0]?.json ?? {};
		for (const [key, value] of Object.entries(args)) assert.deepEqual(input[key], value, `${nodeName} got ${key}=${JSON.stringify(input[key])}`);
		assert.equal(runs[run].executionStatus ?? 'success', 'success');
	}

	/** Convo Send Operator Reply with the conversation and the text left to the model. */
	const convoReplyTool = () =>
		node('Send Operator Reply', n8n.type('convoTool'), {
			resource: 'conversation',
			operation: 'reply',
			conversationId: rl(fromAi('conversationId', 'ID of the conversation to reply in')),
			content: fromAi('message', 'The reply to send to the customer'),
		}, { credentials: credentialOf('convoApi') });

	/** The model's tool calls in order, as it sent them (from the simulator's own record). */
	const modelCalls = (calls) => calls.filter((c) => c.message?.tool_calls).map((c) => c.message.tool_calls[0].function);

	it('Convo: Send Operator Reply', async () => {
		const conversation = sims.convo.workspaces()['ws-a'].conversations[0];
		const tool = convoReplyTool();
		const args = { conversationId: conversation.id, message: 'Your parcel left the warehouse today.' };
		const { answer, calls, requests, execution } = await runAgent({ tools: [tool], message: 'Tell the Convo customer their parcel shipped', steps: [{ call: 'Send_Operator_Reply', args }, { say: quote }], sim: sims.convo });
		assert.deepEqual(modelCalls(calls).map((c) => [c.name, JSON.parse(c.arguments)]), [['Send_Operator_Reply', args]]);
		assertToolRan(execution, 'Send Operator Reply', args);
		assert.deepEqual(requests.map((r) => [r.method, r.path, r.body]), [['POST', `/api/v1/conversations/${conversation.id}/operator-message`, { content: args.message }]]);
		const [turn] = toolTurns(calls);
		assert.deepEqual(single(turn.result), conversation.messages.at(-1));
		assert.deepEqual(answer, [{ output: quote([{ content: turn.result }]) }]);
	});

	it('Velents: Dispatch', async () => {
		const tool = node('Call Customer', n8n.type('velentsTool'), {
			authentication: 'velentsAgentApi',
			resource: 'conversation',
			operation: 'dispatch',
			channel: 3,
			phone: fromAi('phone', 'Customer phone number in E.164 form'),
			valuesMode: 'keyValue',
			values: { value: [{ key: 'customer_name', value: fromAi('customerName', 'Name of the customer') }, { key: 'order_id', value: fromAi('orderId', 'Order the call is about') }] },
		}, { credentials: credentialOf('velentsAgentApi') });
		const args = { phone: '+966500000042', customerName: 'Sara', orderId: '1212' };
		const { answer, calls, requests, execution } = await runAgent({ tools: [tool], message: 'Have the Velents agent call Sara about order 1212', steps: [{ call: 'Call_Customer', args }, { say: quote }], sim: sims.velents });
		assertToolRan(execution, 'Call Customer', args);
		assert.deepEqual(requests.map((r) => [r.method, r.path, r.body]), [['POST', '/Integration/Agent/Dispatch', { channel_id: 3, phone: args.phone, values: { customer_name: 'Sara', order_id: '1212' } }]]);
		const [turn] = toolTurns(calls);
		const conversation = sims.velents.data().conversations.at(-1);
		assert.equal(conversation.phone, args.phone);
		assert.deepEqual(single(turn.result), { conversation_id: conversation.id, phone: args.phone, status: 'queued' });
		assert.deepEqual(answer, [{ output: quote([{ content: turn.result }]) }]);
	});

	it('VoxStack: Create Call Task, then Execute it', async () => {
		const agent = sims.voxstack.data().agents[0];
		const create = node('Create Call Task', n8n.type('voxStackTool'), {
			resource: 'task',
			operation: 'create',
			agentId: rl(agent.id),
			name: fromAi('taskName', 'Short name of the call task'),
			toNumber: fromAi('phone', 'Number to call, in E.164 form'),
			additionalFields: { starting_message: fromAi('openingLine', 'What the voice agent says first') },
		}, { credentials: credentialOf('voxStackApi') });
		const execute = node('Execute Task', n8n.type('voxStackTool'), {
			resource: 'task',
			operation: 'execute',
			taskId: rl(fromAi('taskId', 'ID of the call task to execute')),
		}, { credentials: credentialOf('voxStackApi') });
		const args = { taskName: 'Delivery follow-up', phone: '+14155550123', openingLine: 'Hi John, calling about your delivery.' };
		const { answer, calls, requests, execution } = await runAgent({
			tools: [create, execute],
			message: 'Call John on VoxStack about his delivery',
			steps: [{ call: 'Create_Call_Task', args }, { call: 'Execute_Task', args: (results) => ({ taskId: single(results[0].content).id }) }, { say: quote }],
			sim: sims.voxstack,
		});
		const task = sims.voxstack.data().tasks.at(-1);
		assertToolRan(execution, 'Create Call Task', args);
		assertToolRan(execution, 'Execute Task', { taskId: task.id });
		assert.deepEqual(requests.map((r) => [r.method, r.path, r.body]), [
			['POST', '/api/v1/tasks', { agent_id: agent.id, name: args.taskName, to_number: args.phone, starting_message: args.openingLine }],
			['POST', `/api/v1/tasks/${task.id}/execute`, undefined],
		]);
		const [created, executed] = toolTurns(calls);
		assert.equal(single(created.result).id, task.id);
		assert.equal(single(created.result).to_number, args.phone);
		const call = sims.voxstack.data().calls.at(-1);
		assert.deepEqual(single(executed.result), { call_id: call.id, message: 'Call initiated' });
		assert.deepEqual(answer, [{ output: quote([{ content: executed.result }]) }]);
	});

	it('Timely AI: Contact → Search', async () => {
		const { apiKey } = sandboxCredentialData(sims).timelyAiApi.data;
		for (const contact of [{ customer_name: 'Ana Souza', customer_email: 'ana@example.com' }, { customer_name: 'Bruno Lima', customer_email: 'bruno@example.com' }]) {
			const res = await fetch(`${sims.timely.url}/v1/contacts`, { method: 'POST', headers: { 'x-api-key': apiKey, 'content-type': 'application/json' }, body: JSON.stringify(contact) });
			assert.equal(res.status, 201, await res.text());
		}
		const tool = node('Find Contact', n8n.type('timelyAiTool'), {
			resource: 'contact',
			operation: 'getAll',
			limit: 5,
			filters: { search: fromAi('search', 'Name, email or phone of the contact') },
		}, { credentials: credentialOf('timelyAiApi') });
		const args = { search: 'souza' };
		const { answer, calls, requests, execution } = await runAgent({ tools: [tool], message: 'Look up Ana Souza in Timely', steps: [{ call: 'Find_Contact', args }, { say: quote }], sim: sims.timely });
		assertToolRan(execution, 'Find Contact', args);
		assert.deepEqual(requests.map((r) => [r.method, r.path, r.query]), [['GET', '/v1/contacts', { search: 'souza', page: '1', limit: '5' }]]);
		const [turn] = toolTurns(calls);
		const ana = sims.timely.data().contacts.find((c) => c.customer_name === 'Ana Souza');
		assert.equal(single(turn.result).id, ana.id);
		assert.equal(single(turn.result).customer_email, 'ana@example.com');
		assert.deepEqual(answer, [{ output: quote([{ content: turn.result }]) }]);
	});

	it('raia: Send Prompt (async, wait for the answer)', async () => {
		const tool = node('Ask raia', n8n.type('raiaTool'), {
			authentication: 'raiaAgentApi',
			resource: 'prompt',
			operation: 'sendAsync',
			prompt: fromAi('prompt', 'The question for the raia agent'),
			waitForResponse: true,
			pollInterval: 0.5,
			maxWait: 30,
		}, { credentials: credentialOf('raiaAgentApi') });
		const args = { prompt: 'Summarise our refund policy' };
		const { answer, calls, requests, execution } = await runAgent({ tools: [tool], message: 'Ask raia about the refund policy', steps: [{ call: 'Ask_raia', args }, { say: quote }], sim: sims.raia });
		assertToolRan(execution, 'Ask raia', args);
		const [first, ...polls] = requests;
		assert.deepEqual([first.method, first.path, first.body], ['POST', '/external/prompts/async', args]);
		const [turn] = toolTurns(calls);
		const result = single(turn.result);
		assert.ok(polls.length >= 1 && polls.every((r) => r.method === 'GET' && r.path === `/external/prompts/${result.request.promptId}/response-on`), JSON.stringify(polls.map((r) => r.path)));
		assert.equal(result.status, 'completed');
		assert.match(result.response, /refund policy/);
		assert.equal(result.polls, polls.length);
		assert.deepEqual(answer, [{ output: quote([{ content: turn.result }]) }]);
	});

	it('publishes with Convo Bulk Update Action and raia Start Channel from $fromAI, and the model starts an SMS', async () => {
		const bulk = node('Update Conversations', n8n.type('convoTool'), {
			resource: 'conversation',
			operation: 'bulk',
			conversationIds: fromAi('conversationIds', 'Conversation IDs, comma-separated'),
			bulkAction: fromAi('action', 'One of close, reopen, assign, tag, untag'),
		}, { credentials: credentialOf('convoApi') });
		const start = node('Reach Out', n8n.type('raiaTool'), {
			authentication: 'raiaAgentApi',
			resource: 'conversation',
			operation: 'start',
			channel: fromAi('channel', 'email, sms or voice'),
			firstName: fromAi('firstName', 'First name of the person'),
			lastName: fromAi('lastName', 'Last name of the person'),
			phoneNumber: fromAi('phone', 'Phone number in E.164 form'),
			smsIntroduction: fromAi('sms', 'The first SMS the agent sends'),
		}, { credentials: credentialOf('raiaAgentApi') });
		const args = { channel: 'sms', firstName: 'Lea', lastName: 'Park', phone: '+14155550199', sms: 'Hi Lea, welcome aboard!' };
		const { answer, calls, requests } = await runAgent({ tools: [bulk, start], message: 'Text Lea Park a welcome', steps: [{ call: 'Reach_Out', args }, { say: quote }], sim: sims.raia });
		assert.deepEqual(requests.map((r) => [r.method, r.path, r.body]), [['POST', '/external/conversations/start', { channel: 'sms', firstName: 'Lea', lastName: 'Park', phoneNumber: '+14155550199', smsIntroduction: 'Hi Lea, welcome aboard!' }]]);
		const [turn] = toolTurns(calls);
		assert.ok(single(turn.result).conversationId, JSON.stringify(turn.result));
		assert.deepEqual(answer, [{ output: quote([{ content: turn.result }]) }]);
	});

	it('streams: with a streaming webhook the model is asked to stream, and tool calls still work', async () => {
		const conversation = sims.convo.workspaces()['ws-a'].conversations[2];
		const tool = convoReplyTool();
		const workflow = agentChain('Streaming agent', 'agent-stream', { model: credentials.openAiApi, tools: [tool] });
		// Streaming answers come from the agent itself: no Respond to Webhook node.
		workflow.nodes = workflow.nodes.filter((n) => n.name !== 'Respond to Webhook');
		delete workflow.connections['AI Agent'];
		workflow.nodes.find((n) => n.name === 'Webhook').parameters.responseMode = 'streaming';
		const id = await n8n.createWorkflow(workflow);
		assert.equal((await n8n.activate(id)).status, 'published');
		const message = 'Stream a note to the Convo customer';
		const args = { conversationId: conversation.id, message: 'We are on it.' };
		sims.llm.script(message, [{ call: 'Send_Operator_Reply', args }, { say: quote }]);
		const res = await fetch(`${n8n.baseUrl}/webhook/agent-stream`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) });
		const body = await res.text();
		assert.equal(res.status, 200, body);
		const calls = sims.llm.callsFor(message);
		assert.ok(calls.every((c) => c.body.stream === true), 'the model was asked to stream');
		assert.equal(conversation.messages.at(-1).content, 'We are on it.');
		const streamed = body.split('\n').filter(Boolean).map((line) => JSON.parse(line)).filter((chunk) => chunk.type === 'item').map((chunk) => chunk.content).join('');
		assert.equal(streamed, quote([{ content: toolTurns(calls)[0].result }]));
	});

	it('a bad argument comes back to the model as a tool error naming the field, and the run goes on', async () => {
		const reply = convoReplyTool();
		// VoxStack documents E.164 for task numbers, so a bad phone is refused before sending.
		const dispatch = node('Call Customer', n8n.type('voxStackTool'), {
			resource: 'task',
			operation: 'create',
			agentId: rl(sims.voxstack.data().agents[0].id),
			name: 'Callback',
			toNumber: fromAi('phone', 'Customer phone number in E.164 form'),
		}, { credentials: credentialOf('voxStackApi') });
		const contact = node('Create Contact', n8n.type('timelyAiTool'), {
			resource: 'contact',
			operation: 'create',
			customer_name: fromAi('name', 'Full name of the contact'),
		}, { credentials: credentialOf('timelyAiApi') });
		// n8n 1.x ends the run when a tool node fails, unless the node continues on error (its
		// Settings → On Error); n8n 2.x hands the error to the model by itself.
		if (n8n.version.startsWith('1.')) for (const tool of [reply, dispatch, contact]) tool.onError = 'continueRegularOutput';
		const unknownId = '00000000-0000-4000-8000-000000000000';
		const longName = 'N'.repeat(300);
		const message = 'Try every tool with bad input';
		const before = { convo: sims.convo.state.requests.length, voxstack: sims.voxstack.state.requests.length, timely: sims.timely.state.requests.length };
		const { answer, calls, execution } = await runAgent({
			tools: [reply, dispatch, contact],
			message,
			steps: [
				{ call: 'Send_Operator_Reply', args: { conversationId: unknownId, message: 'Hello' } },
				{ call: 'Call_Customer', args: { phone: 'call me maybe' } },
				{ call: 'Create_Contact', args: { name: longName } },
				{ say: (results) => `Three tools failed: ${results.map((r) => JSON.stringify(r.content)).join(' | ')}` },
			],
			sim: sims.convo,
		});
		const turns = toolTurns(calls);
		assert.deepEqual(turns.map((t) => t.name), ['Send_Operator_Reply', 'Call_Customer', 'Create_Contact']);
		const text = turns.map((t) => (typeof t.result === 'string' ? t.result : JSON.stringify(t.result)));
		console.log(`# tool errors the model saw:\n#   ${text.join('\n#   ')}`);
		// Unknown ID: the provider's 404 reaches the model with its message and what it means.
		assert.match(text[0], /Conversation not found — The resource does not exist, or belongs to another workspace\./);
		for (const message of text) assert.doesNotMatch(message, /\[item 0\]/, 'one item: no item suffix');
		// Checked before sending: the field is named, and nothing went to the provider.
		assert.match(text[1], /To Number must be an international number/);
		assert.match(text[2], /Name must be at most 255 characters long \(got 300\)/);
		assert.equal(sims.voxstack.state.requests.length, before.voxstack);
		assert.equal(sims.timely.state.requests.length, before.timely);
		assert.equal(sims.convo.state.requests.length, before.convo + 1);
		assert.equal(execution.status, 'success');
		assert.match(answer[0].output, /^Three tools failed: /);
	});

	/**
	 * Every operation of a node as the tool a user gets when they let the model fill every
	 * required field ($fromAI with the field's own description): [{ resource, operation, action,
	 * parameters, credential }]. Read from the node type n8n serves, with its display rules.
	 */
	function everyOperation(type) {
		const properties = type.properties;
		const defaults = Object.fromEntries(properties.filter((p) => p.default !== undefined).map((p) => [p.name, p.default]));
		const shown = (property, values) => {
			const matches = (key, allowed) => !key.startsWith('@') && allowed.includes(values[key] ?? defaults[key]);
			const show = Object.entries(property.displayOptions?.show ?? {});
			const hide = Object.entries(property.displayOptions?.hide ?? {});
			return show.every(([key, allowed]) => key.startsWith('@') || matches(key, allowed)) && !hide.some(([key, allowed]) => matches(key, allowed));
		};
		const auths = properties.find((p) => p.name === 'authentication')?.options.map((o) => o.value) ?? [undefined];
		const found = new Map();
		for (const authentication of auths) {
			const base = authentication ? { authentication } : {};
			for (const resourceProperty of properties.filter((p) => p.name === 'resource' && shown(p, base))) {
				for (const resource of resourceProperty.options) {
					const values = { ...base, resource: resource.value };
					for (const operationProperty of properties.filter((p) => p.name === 'operation' && shown(p, values))) {
						// Custom API Call is n8n's own (the HTTP Request node), not one of our operations.
						for (const operation of operationProperty.options.filter((o) => o.value !== '__CUSTOM_API_CALL__')) {
							const key = `${resource.value}.${operation.value}`;
							if (found.has(key)) continue;
							const current = { ...values, operation: operation.value };
							const parameters = { ...current };
							for (const property of properties.filter((p) => p.required && !(p.name in current) && shown(p, current))) {
								const empty = property.default === '' || property.default === undefined || (property.type === 'resourceLocator' && !property.default?.value);
								if (!empty) continue;
								const kind = { number: 'number', boolean: 'boolean', json: 'json' }[property.type] ?? 'string';
								const ai = fromAi(property.name, property.description || property.displayName, kind);
								parameters[property.name] = property.type === 'resourceLocator' ? rl(ai) : ai;
							}
							found.set(key, { resource: resource.name, operation: operation.name, action: operation.action, parameters, credential: authentication ?? type.credentials[0].name });
						}
					}
				}
			}
		}
		return [...found.values()];
	}

	/** Results whose kind the action does not name (a started run, a job, an answer) must be said. */
	const OUTPUT_NOT_IN_NAME = /^(Start (a|an|outbound)\b|Execute\b|Crawl\b|Bulk update\b)|asynchronously\b/;
	const schemaSizes = [];

	it('every operation of every node makes a tool the model can read and fill', async () => {
		const types = await n8n.rest('GET', '/types/nodes.json');
		for (const name of ['convo', 'velents', 'voxStack', 'timelyAi', 'raia']) {
			const type = types.find((t) => t.name === n8n.type(name));
			const operations = everyOperation(type);
			const tools = operations.map((o) => node(`${o.resource} ${o.operation}`, n8n.type(`${name}Tool`), o.parameters, { credentials: credentialOf(o.credential) }));
			const message = `List the ${name} tools`;
			const { answer, calls } = await runAgent({ tools, message, steps: [{ say: 'Listed.' }], sim: sims.llm });
			assert.deepEqual(answer, [{ output: 'Listed.' }]);
			const offered = calls[0].body.tools.map((t) => t.function);
			assert.equal(offered.length, operations.length, `${name}: one tool per operation`);
			const problems = [];
			for (const operation of operations) {
				const tool = offered.find((t) => t.name === toolName(`${operation.resource} ${operation.operation}`));
				const expected = `${operation.action} in ${type.defaults.name}`;
				if (tool.description !== expected) problems.push(`${tool.name}: description "${tool.description}" is not "${expected}"`);
				if (!/^[A-Z][a-z]+( [^ ]+){1,}/.test(operation.action ?? '')) problems.push(`${tool.name}: action "${operation.action}" does not say what it does`);
				if (OUTPUT_NOT_IN_NAME.test(operation.action) && !/ and (get|wait)\b/.test(operation.action)) problems.push(`${tool.name}: "${operation.action}" does not say what it returns`);
				for (const [key, property] of Object.entries(tool.parameters.properties ?? {})) {
					// No type: a $fromAI 'json' field, which takes any JSON value.
					if (property.type !== undefined && !['string', 'number', 'boolean', 'object'].includes(property.type)) problems.push(`${tool.name}.${key}: type ${JSON.stringify(property.type)} the model cannot fill`);
					if (!property.description || property.description.length < 3) problems.push(`${tool.name}.${key}: no description`);
				}
				schemaSizes.push({ provider: type.defaults.name, tool: tool.name, bytes: JSON.stringify(tool).length, parameterBytes: JSON.stringify(tool.parameters).length });
			}
			assert.deepEqual(problems, [], `${name}: ${problems.length} weak tool definitions`);
			const bytes = JSON.stringify(calls[0].body.tools).length;
			console.log(`# ${type.defaults.name}: ${operations.length} tools, ${bytes} bytes of tool definitions`);
		}
		const largest = schemaSizes.reduce((a, b) => (b.bytes > a.bytes ? b : a));
		console.log(`# largest tool definition: ${largest.provider} ${largest.tool}, ${largest.bytes} bytes (parameters schema ${largest.parameterBytes} bytes)`);
	});
});
