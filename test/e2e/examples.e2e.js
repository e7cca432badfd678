'use strict';
// Every workflow in examples/ imported into a real n8n (as `npm start` does) and run against the
// sandbox: webhook-started ones with their sample request, trigger-started ones through the
// provider event that fires them. Each must leave the provider changed as its note promises and
// end with only successful executions.
const assert = require('node:assert/strict');
const { after, before, describe, it } = require('node:test');

const { startN8n, waitFor } = require('./n8n');
const { EXAMPLE_REQUESTS, exampleRequest, startSimulators, createSandboxCredentials, importExamples, readExamples, sandboxCredentialData } = require('./sandbox');

describe('example workflows in a real n8n', { timeout: 900_000 }, () => {
	let n8n;
	let sims;
	let examples;
	const byFile = (file) => examples.find((e) => e.file === `${file}.json`);
	const post = async (webhookPath) => {
		const res = await fetch(`${n8n.baseUrl}/webhook/${webhookPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(EXAMPLE_REQUESTS[webhookPath]) });
		const text = await res.text();
		assert.equal(res.status, 200, `${webhookPath}: ${text}`);
		return JSON.parse(text);
	};
	const executionsOf = async (file) => await n8n.executions(byFile(file).id);
	const finished = async (file, count = 1) => await waitFor(`${count} finished execution(s) of ${file}`, async () => {
		const list = (await executionsOf(file)).filter((e) => e.finished || e.status === 'error');
		return list.length >= count ? list : undefined;
	}, 60_000);

	before(async () => {
		sims = await startSimulators();
		n8n = await startN8n();
		examples = await importExamples(n8n, sims, await createSandboxCredentials(n8n, sims));
	});

	after(async () => {
		await n8n?.stop();
		await sims?.close();
	});

	it('has at least two examples per provider, all imported and active', () => {
		const files = readExamples().map((e) => e.file);
		for (const provider of ['convo', 'velents', 'voxstack', 'timely', 'raia']) {
			assert.ok(files.filter((f) => f.startsWith(`${provider}-`)).length >= 2, `${provider} needs two examples`);
		}
		assert.equal(examples.length, files.length);
	});

	it('convo-qualify-new-leads: a new lead with an email becomes QUALIFIED, one without stays NEW', async () => {
		const token = sandboxCredentialData(sims).convoApi.data.apiToken;
		const create = async (fields) => {
			const res = await fetch(`${sims.convo.url}/api/v1/leads`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ fields }) });
			assert.equal(res.status, 201);
			return (await res.json()).id;
		};
		const withEmail = await create({ name: 'Anna', email: 'anna@example.com' });
		const withoutEmail = await create({ name: 'Ben' });
		const leads = () => sims.convo.workspaces()['ws-a'].leads;
		await waitFor('the lead to be qualified', () => leads().find((l) => l.id === withEmail).status === 'QUALIFIED', 30_000);
		const runs = await finished('convo-qualify-new-leads', 2);
		assert.equal(leads().find((l) => l.id === withoutEmail).status, 'NEW');
		// Each event passed Remove Duplicates once, keyed by the trigger's eventId (Convo's event id).
		const passed = runs.map((run) => run.data.resultData.runData['Once per Event'][0].data.main[0].map((item) => item.json.eventId));
		assert.ok(passed.every((ids) => ids.length === 1 && typeof ids[0] === 'string'), JSON.stringify(passed));
		assert.equal(new Set(passed.flat()).size, 2);
	});

	it('convo-close-open-conversations: closes every open conversation of the workspace', async () => {
		const conversations = () => sims.convo.workspaces()['ws-a'].conversations;
		const open = conversations().filter((c) => c.status === 'OPEN').length;
		assert.ok(open > 0);
		const [result] = await post('convo-close-open');
		assert.deepEqual(result, { updated: open, skipped: 0, action: 'close', requested: open, requests: 1 });
		assert.equal(conversations().filter((c) => c.status === 'OPEN').length, 0);
	});

	it('velents-batch-dispatch-from-rows + velents-ticket-on-ended: one batch request, a ticket per ended conversation', async () => {
		const [result] = await post('velents-batch');
		assert.equal(result.rowsSent, 2);
		assert.equal(sims.velents.data().batches.length, 1);
		await waitFor('a ticket per ended conversation', () => sims.velents.data().tickets.length === 2, 30_000);
		const phones = sims.velents.data().tickets.map((t) => t.subject).join(' ');
		assert.match(phones, /\+966500000001/);
		assert.match(phones, /\+966500000002/);
	});

	it('voxstack-call-from-webhook + voxstack-summarise-completed-calls: the call runs and its transcript is summarised', async () => {
		const [started] = await post('voxstack-call');
		assert.ok(started.id || started.call_id, JSON.stringify(started));
		const [execution] = await finished('voxstack-summarise-completed-calls');
		assert.equal(execution.status, 'success');
		const summary = execution.data.resultData.runData.Summary[0].data.main[0][0].json;
		assert.equal(summary.outcome, 'success');
		assert.match(summary.summary, /completed/);
		assert.equal(summary.customerSaid, 'Hi, yes, I am John. / Great, thanks!');
	});

	it('voxstack-alert-on-cancel: a caller asking to cancel gets the supervisor phoned once; a calm call does not', async (t) => {
		if (byFile('voxstack-alert-on-cancel').inactive) return t.skip(byFile('voxstack-alert-on-cancel').inactive);
		const live = sims.voxstack.live;
		const hello = { role: 'agent', message: 'Hello, how can I help?' };
		const calm = live.startScriptedCall({ turns: [hello, { role: 'user', message: 'Just checking my order.' }], intervalMs: 300, endStatus: 'hold' });
		const cancel = live.startScriptedCall({ turns: [hello, { role: 'user', message: 'I want to cancel my contract.' }], intervalMs: 300, endStatus: 'hold', to_number: '+14155550177' });
		await finished('voxstack-alert-on-cancel');
		const alerts = () => sims.voxstack.data().tasks.filter((task) => task.to_number === '+14155550100');
		await waitFor('the supervisor call to be placed', () => alerts().length === 1 && alerts()[0].status !== 'pending', 30_000);
		assert.match(alerts()[0].name, new RegExp(cancel.call_id));
		assert.deepEqual(alerts()[0].context_data, { call_id: cancel.call_id, caller_number: '+14155550177', caller_said: 'I want to cancel my contract.', said_at_second: 3 });
		const key = sandboxCredentialData(sims).voxStackApi.data.apiKey;
		for (const { call_id: id } of [calm, cancel]) await fetch(`${sims.voxstack.url}/api/v1/calls/${id}/end`, { method: 'POST', headers: { authorization: `Bearer ${key}` } });
		assert.equal((await executionsOf('voxstack-alert-on-cancel')).length, 1);
		assert.equal(alerts().length, 1);
	});

	it('timely-form-to-contact: the form sign-up becomes a CRM contact', async () => {
		const [contact] = await post('timely-contact');
		assert.equal(contact.customer_name, 'Ana Souza');
		assert.ok(sims.timely.data().contacts.some((c) => c.id === contact.id && c.customer_email === 'ana@example.com'));
	});

	it('timely-handoff-on-keyword: only a message asking for a person hands the conversation off', async () => {
		const agent = sims.timely.data().agents[0];
		const key = sandboxCredentialData(sims).timelyAiApi.data.apiKey;
		const say = async (message) => {
			const res = await fetch(`${sims.timely.url}/v1/agents/${agent.id}/conversation`, { method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json' }, body: JSON.stringify({ message }) });
			assert.equal(res.status, 200);
			return (await res.json()).data.conversation_id;
		};
		const calm = await say('What are your opening hours?');
		const wantsHuman = await say('Quero falar com um humano, por favor');
		const conversation = (id) => sims.timely.data().conversations.find((c) => c.id === id);
		await waitFor('the handoff', () => conversation(wantsHuman).ai_mode === 'paused', 30_000);
		await finished('timely-handoff-on-keyword', 2);
		assert.notEqual(conversation(calm).ai_mode, 'paused');
		assert.match(conversation(wantsHuman).handoff.reason, /humano/);
	});

	it('raia-answer-a-question: waits for and returns the agent answer', async () => {
		const [answer] = await post('raia-ask');
		assert.equal(typeof answer.polls, 'number');
		assert.ok(JSON.stringify(answer).includes('refund'), JSON.stringify(answer));
	});

	it('raia-text-new-signups: starts an SMS conversation with the new sign-up', async () => {
		const [started] = await post('raia-signup');
		assert.ok(started, 'no response item');
		const conversations = sims.raia.agent().conversations;
		assert.ok(conversations.some((c) => c.channel === 'sms'), JSON.stringify(conversations.at(-1)));
	});

	it('webhook-started examples answer a failing step with 400 and its message (error output → Respond to Webhook)', async () => {
		// Every step of ours routes its error output to a Respond to Webhook that answers 400.
		for (const { file, workflow } of readExamples().filter((e) => e.workflow.nodes.some((n) => n.type === 'n8n-nodes-base.webhook'))) {
			const byName = Object.fromEntries(workflow.nodes.map((n) => [n.name, n]));
			// Steps on the main path only: an AI Agent's tool nodes hand their errors to the model.
			for (const step of workflow.nodes.filter((n) => n.type.startsWith('n8n-nodes-agent-platforms.') && !n.type.endsWith('Tool'))) {
				assert.equal(step.onError, 'continueErrorOutput', `${file}: ${step.name}`);
				const target = byName[workflow.connections[step.name]?.main?.[1]?.[0]?.node];
				assert.equal(target?.type, 'n8n-nodes-base.respondToWebhook', `${file}: ${step.name} error output`);
				assert.equal(target.parameters.options.responseCode, 400, `${file}: ${target.name}`);
			}
		}
		const bad = async (webhookPath, body) => {
			const res = await fetch(`${n8n.baseUrl}/webhook/${webhookPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
			const text = await res.text();
			assert.equal(res.status, 400, `${webhookPath}: ${text}`);
			return JSON.parse(text).message;
		};
		const contacts = sims.timely.data().contacts.length;
		assert.equal(await bad('timely-contact', { email: 'not-an-email' }), 'Name is required');
		assert.equal(await bad('timely-contact', { name: 'Ana', email: 'not-an-email' }), 'Email must be an email address (got "not-an-email")');
		assert.equal(sims.timely.data().contacts.length, contacts);
		assert.match(await bad('voxstack-call', { phone: '555', name: 'John' }), /^To Number must be an international number in E\.164 form .*$/);
		assert.equal(await bad('raia-ask', {}), 'Prompt is required');
		assert.match(await bad('raia-signup', { firstName: 'Lea', lastName: 'Park' }), /^Phone Number is required$/);
		assert.equal(await bad('velents-batch', { rows: [{ name: 'Sara', order_id: '1' }] }), 'Phone is required');
		// A provider error answers the same way, with the provider's message.
		await fetch(`${sims.convo.url}/_sim/faults`, { method: 'POST', body: JSON.stringify({ method: 'GET', path: '^/api/v1/conversations$', status: 403 }) });
		assert.match(await bad('convo-close-open', {}), /^Convo: /);
	});

	// The AI-agent examples, with the scripted model behind their OpenAI Chat Model.
	const postAgent = async (webhookPath) => {
		const res = await fetch(`${n8n.baseUrl}/webhook/${webhookPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(exampleRequest(webhookPath, sims)) });
		const text = await res.text();
		assert.equal(res.status, 200, `${webhookPath}: ${text}`);
		return JSON.parse(text);
	};

	it('timely-support-agent-handoff: the agent finds the contact and hands the conversation to a person', async () => {
		const key = sandboxCredentialData(sims).timelyAiApi.data.apiKey;
		const res = await fetch(`${sims.timely.url}/v1/contacts`, { method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json' }, body: JSON.stringify({ customer_name: 'Joao Silva', customer_email: 'joao@example.com' }) });
		assert.equal(res.status, 201);
		const [answer] = await postAgent('timely-support-agent');
		assert.match(answer.output, /colleague will take over now \(human_active\)/);
		const conversation = sims.timely.data().conversations[0];
		assert.equal(conversation.ai_mode, 'paused');
		assert.equal(conversation.handoff.reason, 'Joao Silva asked to talk to a person');
		const search = sims.timely.state.requests.find((r) => r.path === '/v1/contacts' && r.method === 'GET');
		assert.equal(search.query.search, 'joao@example.com');
	});

	it('voxstack-follow-up-agent: asked for a call, the agent creates the call task and places it', async () => {
		const [answer] = await postAgent('voxstack-follow-up');
		const task = sims.voxstack.data().tasks.find((t) => t.name === 'Follow-up with John');
		assert.ok(task, JSON.stringify(sims.voxstack.data().tasks.map((t) => t.name)));
		assert.equal(task.to_number, '+14155550123');
		assert.equal(task.starting_message, 'Hi John, you asked us to call you back.');
		const call = sims.voxstack.data().calls.find((c) => c.task_id === task.id);
		assert.ok(call, 'no call placed for the task');
		assert.equal(answer.output, `Calling you now: call ${call.id}.`);
	});

	it('Record Trigger examples: one poll tick qualifies, opens a deal, sets limits and re-queues a failed call', async () => {
		const creds = sandboxCredentialData(sims);
		const send = async (base, method, url, headers, body) => {
			const res = await fetch(`${base}${url}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: body && JSON.stringify(body) });
			assert.ok(res.ok, `${method} ${url}: ${res.status} ${await res.clone().text()}`);
			const json = await res.json();
			return json.data ?? json;
		};
		// Convo: new leads without an email (the webhook example leaves those alone), scored by the agent.
		const convoLeads = [];
		for (let i = 0; i < 4; i++) convoLeads.push(await send(sims.convo.url, 'POST', '/api/v1/leads', { authorization: `Bearer ${creds.convoApi.data.apiToken}` }, { fields: { name: `Polled ${i}` } }));
		assert.ok(convoLeads.some((l) => l.score >= 70) && convoLeads.some((l) => l.score < 70), JSON.stringify(convoLeads.map((l) => l.score)));
		// Timely AI: a lead that becomes qualified.
		const timelyHeaders = { 'x-api-key': creds.timelyAiApi.data.apiKey };
		const lead = await send(sims.timely.url, 'POST', '/v1/leads', timelyHeaders, { customer_name: 'Rita Polled' });
		await new Promise((resolve) => setTimeout(resolve, 5));
		await send(sims.timely.url, 'PUT', `/v1/leads/${lead.id}`, timelyHeaders, { status: 'qualified' });
		// raia: a user created elsewhere.
		const user = await send(sims.raia.url, 'POST', '/external/users', { 'agent-secret-key': creds.raiaAgentApi.data.secretKey }, { firstName: 'Pia', lastName: 'Polled', email: 'pia@example.com' });
		// VoxStack: a call that fails (numbers ending in 0000 fail in the sandbox).
		const voxHeaders = { authorization: `Bearer ${creds.voxStackApi.data.apiKey}` };
		const task = await send(sims.voxstack.url, 'POST', '/api/v1/tasks', voxHeaders, { agent_id: sims.voxstack.data().agents[0].id, name: 'Will fail', to_number: '+14155550000' });
		await send(sims.voxstack.url, 'POST', `/api/v1/tasks/${task.id}/execute`, voxHeaders);
		await waitFor('the failed call', () => sims.voxstack.data().calls.some((c) => c.task_id === task.id && c.status === 'failed'), 30_000);

		const convoLead = (id) => sims.convo.workspaces()['ws-a'].leads.find((l) => l.id === id);
		await waitFor('a poll tick to act on every change', () =>
			convoLeads.filter((l) => l.score >= 70).every((l) => convoLead(l.id).status === 'QUALIFIED') &&
			sims.timely.data().opportunities.some((o) => o.lead_id === lead.id) &&
			sims.raia.agent().users.find((u) => u.id === user.id)?.limits &&
			sims.voxstack.data().tasks.find((t) => t.id === task.id).status === 'pending', 150_000, 1000);
		for (const l of convoLeads.filter((l) => l.score < 70)) assert.equal(convoLead(l.id).status, 'NEW');
		const deals = sims.timely.data().opportunities.filter((o) => o.lead_id === lead.id);
		assert.deepEqual(deals.map((o) => [o.title, o.stage]), [['Deal: Rita Polled', 'qualification']]);
		assert.equal(sims.raia.agent().users.find((u) => u.id === user.id).limits.tokensAmountPerMonth, 50000);
		for (const file of ['convo-qualify-high-score-leads', 'timely-deal-for-qualified-leads', 'raia-limit-new-users', 'voxstack-requeue-failed-calls']) await finished(file);
	});

	it('every example ran, and every run succeeded', async () => {
		for (const example of examples.filter((e) => !e.inactive)) {
			const executions = await n8n.executions(example.id);
			assert.ok(executions.length > 0, `${example.file} never ran`);
			const failed = executions.filter((e) => e.status !== 'success');
			assert.deepEqual(failed.map((e) => e.data?.resultData?.error?.message ?? e.status), [], `${example.file} has failed runs`);
		}
	});
});
