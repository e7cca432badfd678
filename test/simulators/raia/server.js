'use strict';
// raia external API simulator, from raia's OpenAPI spec (../shared/reference/raia-external-api
// .openapi.json) and providers.md: Agent-Secret-Key / Organization-Secret-Key per endpoint,
// {status, name, message, details[]} errors, page/pageSize lists, HTTPS-only webhooks with a
// sandbox switch, webhook calls with their headers, and async messages and prompts that are
// answered after a delay.
const crypto = require('node:crypto');
const { createSimulator } = require('../shared/server');
const { UUID, str, email, oneOf, num, bool, strings, object, uuid, required, validateBody } = require('../shared/validate');

const DEFAULT_AGENT_KEYS = {
	'raia-agent-key-0123456789abcdef': { org: 'o1', agent: 0 },
	'raia-agent-key-other-org-000000': { org: 'o2', agent: 0 },
};
const DEFAULT_ORG_KEYS = { 'raia-org-key-0123456789abcdefab': { org: 'o1' } };
const NAMES = { 400: 'BAD_REQUEST', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN_ERROR', 404: 'ENTITY_NOT_FOUND_ERROR', 405: 'METHOD_NOT_ALLOWED', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 429: 'TOO_MANY_REQUESTS', 500: 'INTERNAL_SERVER_ERROR' };
const errorBody = (status, message, extra = {}) => ({ status, name: NAMES[status] ?? 'ERROR', message, details: extra.details ?? [] });
const now = () => new Date().toISOString();
/** Creation stamps from one instant, as a database default gives: a new record is not an updated one. */
const stamps = () => {
	const at = now();
	return { createdAt: at, updatedAt: at };
};
const E164 = /^\+[1-9]\d{6,14}$/;
const CONDITIONS = ['each_message', 'end_dialog', 'start_dialog', 'chat_currently_unavailable', 'auto_archive_conversation', 'manual'];

/** Parses the multipart/form-data the node sends for file uploads. */
function parseMultipart(raw, contentType) {
	const boundary = /boundary=([^;]+)/.exec(contentType || '')?.[1];
	if (!boundary) return undefined;
	const parts = {};
	const text = raw.toString('latin1');
	for (const chunk of text.split(`--${boundary}`).slice(1, -1)) {
		const [head, ...rest] = chunk.replace(/^\r\n/, '').split('\r\n\r\n');
		const body = rest.join('\r\n\r\n').replace(/\r\n$/, '');
		const name = /name="([^"]+)"/.exec(head)?.[1];
		if (!name) continue;
		parts[name] = { filename: /filename="([^"]+)"/.exec(head)?.[1], type: /Content-Type: (\S+)/i.exec(head)?.[1], data: Buffer.from(body, 'latin1') };
	}
	return parts;
}

function createRaiaSimulator({ agentKeys = DEFAULT_AGENT_KEYS, orgKeys = DEFAULT_ORG_KEYS, asyncDelayMs = 1000 } = {}) {
	let orgs;
	const timers = new Set();

	function seed() {
		orgs = {};
		for (const org of ['o1', 'o2']) {
			const roles = [{ id: crypto.randomUUID(), name: 'Support', description: 'Answers customers' }, { id: crypto.randomUUID(), name: 'Sales', description: 'Qualifies leads' }];
			orgs[org] = { roles, platformUsers: [{ id: crypto.randomUUID(), email: `owner@${org}.example.com`, phoneNumber: '+15550000001', firstName: 'Olivia', lastName: 'Owner', role: 'owner' }, { id: crypto.randomUUID(), email: `admin@${org}.example.com`, phoneNumber: '+15550000002', firstName: 'Adam', lastName: 'Admin', role: 'admin' }], agents: [] };
			addAgent(org, { name: 'Concierge', publicName: 'Ava', roleId: roles[0].id, model: 'gpt-4.1' });
		}
	}

	function addAgent(org, fields) {
		const agent = {
			id: crypto.randomUUID(), organizationId: org, organizationName: `Org ${org}`, role: 'Support', description: null, vectorStoreId: `vs_${crypto.randomBytes(6).toString('hex')}`,
			status: 'active', tags: [], ...stamps(), ...fields,
			users: [], conversations: [], files: [], webhooks: [], limits: null, usageLogs: [], prompts: new Map(), feedbacks: [],
		};
		orgs[org].agents.push(agent);
		return agent;
	}

	const publicAgent = ({ users, conversations, files, webhooks, limits, usageLogs, prompts, feedbacks, ...visible }) => visible;
	const publicConversation = ({ messages, ...visible }) => visible;
	const fail = (status, message, details) => sim.fail(status, message, details ? { details } : undefined);
	const validate = (body, schema, partial) => validateBody(sim, body, schema, partial);
	const agentOf = (ctx) => orgs[ctx.principal.org].agents[ctx.principal.agent];
	const find = (list, id, what) => {
		const found = list.find((x) => x.id === id);
		if (!found) throw fail(404, 'ENTITY_NOT_FOUND', [{ entity: what, id }]);
		return found;
	};
	/** Query parameters the OpenAPI gives a format or an enum: anything else is rejected. */
	const uuidQuery = (ctx, key) => {
		const value = ctx.query.get(key);
		if (value !== null && !UUID.test(value)) throw fail(400, 'INVALID_REQUEST', [{ field: key, message: `${key} must be a UUID` }]);
	};
	const enumQuery = (ctx, key, values) => {
		const value = ctx.query.get(key);
		if (value !== null && !values.includes(value)) throw fail(400, 'INVALID_REQUEST', [{ field: key, message: `${key} must be one of ${values.join(', ')}` }]);
	};
	function paged(items, query, orderFields = ['createdAt']) {
		const page = query.has('page') ? Number(query.get('page')) : 1;
		const pageSize = query.has('pageSize') ? Number(query.get('pageSize')) : 10;
		if (!Number.isInteger(page) || page < 1) throw fail(400, 'INVALID_REQUEST', [{ field: 'page', message: 'page must be a positive integer' }]);
		if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) throw fail(400, 'INVALID_REQUEST', [{ field: 'pageSize', message: 'pageSize must be between 1 and 100' }]);
		const orderBy = query.get('orderBy') ?? 'createdAt';
		const direction = query.get('orderDirection') ?? 'DESC';
		if (!orderFields.includes(orderBy)) throw fail(400, 'INVALID_REQUEST', [{ field: 'orderBy', message: `orderBy must be one of ${orderFields.join(', ')}` }]);
		if (!['ASC', 'DESC'].includes(direction)) throw fail(400, 'INVALID_REQUEST', [{ field: 'orderDirection', message: 'orderDirection must be ASC or DESC' }]);
		const position = new Map(items.map((x, i) => [x, i]));
		const sorted = [...items].sort((a, b) => (String(a[orderBy]).localeCompare(String(b[orderBy])) || position.get(a) - position.get(b)) * (direction === 'ASC' ? 1 : -1));
		// With a page cap (the `pageCap` sandbox setting) pages are that size whatever was asked.
		const size = sim.state.config.pageCap > 0 ? Math.min(pageSize, sim.state.config.pageCap) : pageSize;
		const totalPages = Math.ceil(sorted.length / size);
		return { currentPage: page, pageSize: size, totalItems: sorted.length, totalPages, hasNextPage: page < totalPages, hasPreviousPage: page > 1, data: sorted.slice((page - 1) * size, page * size) };
	}

	/** Calls every webhook of the agent registered for this condition, with its headers. */
	async function fire(agent, condition, payload) {
		const results = [];
		for (const hook of agent.webhooks.filter((w) => w.triggerCondition === condition)) {
			results.push(await sim.deliver(hook.url, { triggerCondition: condition, agentId: agent.id, timestamp: now(), ...payload }, hook.headers || {}));
		}
		return results;
	}

	function addUser(agent, body) {
		const user = { id: crypto.randomUUID(), firstName: body.firstName, lastName: body.lastName, email: body.email ?? null, phoneNumber: body.phoneNumber ?? null, fkId: body.fkId ?? null, fkUserId: body.fkUserId ?? null, context: body.context ?? null, source: body.source ?? null, metadata: body.customData ?? null, isAnonymized: false, ...stamps() };
		agent.users.push(user);
		return user;
	}

	function addConversation(agent, userId, fields = {}) {
		const conversation = { id: crypto.randomUUID(), conversationUserId: userId, title: null, score: null, summary: null, aiConversationId: `thread_${crypto.randomBytes(6).toString('hex')}`, metadata: null, mode: 'ai', status: 'active', conversationStateId: null, ...stamps(), messages: [], ...fields };
		agent.conversations.push(conversation);
		return conversation;
	}

	function addMessage(conversation, senderRole, message) {
		const entry = { id: crypto.randomUUID(), message, rawMessage: message, conversationId: conversation.id, senderRole, conversationMessageId: crypto.randomUUID(), createdAt: now(), feedbacks: [] };
		conversation.messages.push(entry);
		conversation.updatedAt = now();
		return entry;
	}

	const answerTo = (text) => `Here is what I found about "${text}".`;

	/** A user message, the agent's answer, and the each_message webhook. */
	async function exchange(agent, conversation, text, { delayAnswer = false } = {}) {
		const question = addMessage(conversation, 'conversation_user', text);
		const respond = async () => {
			question.answer = addMessage(conversation, 'assistant', answerTo(text));
			await fire(agent, 'each_message', { conversationId: conversation.id, conversationUserId: conversation.conversationUserId, message: { id: question.id, text }, response: question.answer.message });
		};
		if (!delayAnswer) {
			await respond();
			return { question, answer: question.answer };
		}
		question.readyAt = Date.now() + asyncDelayMs;
		const timer = setTimeout(() => {
			timers.delete(timer);
			respond();
		}, asyncDelayMs);
		timers.add(timer);
		return { question };
	}

	const routes = [];
	const route = (method, path, key, handler, extra = {}) => routes.push({ method, path: `/external${path}`, key, handler, ...extra });
	const limits = { tokensAmountPerMonth: required(num(0)), smsAmountPerMonth: required(num(0)), emailsAmountPerMonth: required(num(0)), secondsAmountPerMonth: required(num(0)) };
	const userConversation = (ctx) => find(agentOf(ctx).conversations, ctx.params.id, 'Conversation');
	/** Message files: [{fileName, storagePath}] from a signed upload. */
	function checkFiles(body) {
		if (body.files === undefined) return;
		const ok = Array.isArray(body.files) && body.files.every((f) => f && typeof f.fileName === 'string' && typeof f.storagePath === 'string');
		if (!ok) throw fail(400, 'INVALID_REQUEST', [{ field: 'files', message: 'files must be [{fileName, storagePath}]' }]);
	}

	// Users.
	route('POST', '/users', 'agent', (ctx) => {
		const body = validate(ctx.body, { firstName: required(str(1)), lastName: required(str(1)), email: email(), phoneNumber: str(), fkId: str(), fkUserId: str(), context: str(), source: str(), customData: object, skipPhoneNumberValidation: bool, skipEmailValidation: bool });
		if (!body.phoneNumber && !body.email && !body.fkId) throw fail(400, 'INVALID_REQUEST', [{ message: 'one of phoneNumber, email or fkId is required' }]);
		if (body.phoneNumber && !body.skipPhoneNumberValidation && !E164.test(body.phoneNumber)) throw fail(400, 'INVALID_REQUEST', [{ field: 'phoneNumber', message: 'phoneNumber must be in E.164 format' }]);
		return sim.response(201, addUser(agentOf(ctx), body));
	});
	route('GET', '/users/search', 'agent', (ctx) => {
		const q = Object.fromEntries(['email', 'phoneNumber', 'fkId'].map((k) => [k, ctx.query.get(k)]).filter(([, v]) => v));
		if (!Object.keys(q).length) throw fail(400, 'INVALID_REQUEST', [{ message: 'give email, phoneNumber or fkId' }]);
		const agent = agentOf(ctx);
		const user = agent.users.find((u) => Object.entries(q).every(([k, v]) => u[k] === v));
		if (!user) throw fail(404, 'ENTITY_NOT_FOUND', [{ entity: 'ConversationUser' }]);
		return { user, conversationIds: agent.conversations.filter((c) => c.conversationUserId === user.id).map((c) => c.id) };
	});
	route('GET', '/users/:id', 'agent', (ctx) => find(agentOf(ctx).users, ctx.params.id, 'ConversationUser'));
	route('DELETE', '/users/:id', 'agent', (ctx) => {
		const agent = agentOf(ctx);
		agent.users.splice(agent.users.indexOf(find(agent.users, ctx.params.id, 'ConversationUser')), 1);
		return sim.response(200, undefined);
	});
	for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
		route(method, '/users/:id/limits', 'agent', (ctx) => {
			const user = find(agentOf(ctx).users, ctx.params.id, 'ConversationUser');
			if (method === 'GET') return user.limits ?? { id: null, conversationUserId: user.id, isOrganizationDefault: true, tokensAmountPerMonth: 100000, smsAmountPerMonth: 100, emailsAmountPerMonth: 100, secondsAmountPerMonth: 3600 };
			if (method === 'DELETE') {
				user.limits = null;
				return sim.response(200, undefined);
			}
			if (method === 'POST' && user.limits) throw fail(400, 'LIMITS_ALREADY_EXIST');
			if (method === 'PUT' && !user.limits) throw fail(404, 'ENTITY_NOT_FOUND', [{ entity: 'ConversationUserLimits' }]);
			user.limits = { id: user.limits?.id ?? crypto.randomUUID(), conversationUserId: user.id, isOrganizationDefault: false, ...validate(ctx.body, limits) };
			return sim.response(method === 'POST' ? 201 : 200, user.limits);
		});
	}

	// Conversations.
	route('GET', '/conversations', 'agent', (ctx) => {
		let list = agentOf(ctx).conversations;
		const keyword = ctx.query.get('searchKeyword');
		if (keyword) list = list.filter((c) => String(c.title ?? '').toLowerCase().includes(keyword.toLowerCase()));
		uuidQuery(ctx, 'userId');
		if (ctx.query.get('userId')) list = list.filter((c) => c.conversationUserId === ctx.query.get('userId'));
		if (ctx.query.get('startDate')) list = list.filter((c) => c.createdAt >= ctx.query.get('startDate'));
		if (ctx.query.get('endDate')) list = list.filter((c) => c.createdAt <= ctx.query.get('endDate'));
		enumQuery(ctx, 'withFeedbacksOnly', ['true', 'false']);
		if (ctx.query.get('withFeedbacksOnly') === 'true') list = list.filter((c) => c.messages.some((m) => m.feedbacks.length));
		const page = paged(list, ctx.query, ['createdAt', 'updatedAt']);
		return { ...page, data: page.data.map(publicConversation) };
	});
	route('POST', '/conversations', 'agent', async (ctx) => {
		const agent = agentOf(ctx);
		const body = validate(ctx.body, { conversationUserId: required(str(1)), title: str(0, 255), context: str(0, 256000), customData: object, conversationStateId: str() });
		find(agent.users, body.conversationUserId, 'ConversationUser');
		const c = addConversation(agent, body.conversationUserId, { title: body.title ?? null, metadata: body.customData ?? null });
		await fire(agent, 'start_dialog', { conversationId: c.id, conversationUserId: c.conversationUserId });
		return sim.response(201, publicConversation(c));
	});
	route('DELETE', '/conversations', 'agent', (ctx) => {
		const agent = agentOf(ctx);
		const { conversationUserId } = validate(ctx.body, { conversationUserId: required(str(1)) });
		agent.conversations = agent.conversations.filter((c) => c.conversationUserId !== conversationUserId);
		return sim.response(200, undefined);
	});
	route('GET', '/conversations/states', 'agent', () => [
		{ id: '6b1f9a52-0f3c-4a8e-9d7e-1c2b3a4d5e6f', name: 'Open', description: 'Waiting for an answer', color: '#22c55e', isPersistent: true, ...stamps() },
		{ id: '7c2a0b63-1a4d-4b9f-8e8f-2d3c4b5e6f70', name: 'Resolved', description: 'Done', color: '#64748b', isPersistent: true, ...stamps() },
	]);
	route('POST', '/conversations/start', 'agent', async (ctx) => {
		const agent = agentOf(ctx);
		const body = ctx.body || {};
		const common = { firstName: required(str(1)), lastName: required(str(1)), channel: required(oneOf('email', 'sms', 'voice')), context: str(), conversationContext: str(), source: str(), fkId: str(), fkUserId: str(), customData: object, conversationStateId: str(), authorId: str(), skipPhoneNumberValidation: bool, skipEmailValidation: bool, email: email(), phoneNumber: str(), resetConversation: bool };
		// raia checks email and phone number unless told to skip (the skip… fields).
		if (body.skipEmailValidation === true) common.email = str();
		const byChannel = {
			email: { ...common, email: required(body.skipEmailValidation === true ? str(1) : email()), emailSubject: required(str(1)), emailIntroduction: required(str(1)), includeSignatureInEmail: bool },
			sms: { ...common, phoneNumber: required(str(1)), smsIntroduction: required(str(1)), includeSignatureInSms: bool },
			voice: { ...common, phoneNumber: required(str(1)), firstMessage: required(str(1)) },
		};
		const checked = validate(body, byChannel[body.channel] ?? common);
		if (checked.phoneNumber && !checked.skipPhoneNumberValidation && !E164.test(checked.phoneNumber)) throw fail(400, 'INVALID_REQUEST', [{ field: 'phoneNumber', message: 'phoneNumber must be in E.164 format' }]);
		const user = agent.users.find((u) => (checked.email && u.email === checked.email) || (checked.phoneNumber && u.phoneNumber === checked.phoneNumber)) ?? addUser(agent, checked);
		const c = addConversation(agent, user.id, { title: `${checked.channel} with ${user.firstName}`, channel: checked.channel });
		addMessage(c, 'assistant', checked.emailIntroduction ?? checked.smsIntroduction ?? checked.firstMessage);
		await fire(agent, 'start_dialog', { conversationId: c.id, conversationUserId: user.id, channel: checked.channel });
		return sim.response(201, { conversationId: c.id });
	});
	route('GET', '/conversations/:id', 'agent', (ctx) => ({ ...publicConversation(userConversation(ctx)), feedbacks: userConversation(ctx).messages.flatMap((m) => m.feedbacks) }));
	route('PUT', '/conversations/:id', 'agent', async (ctx) => {
		const c = userConversation(ctx);
		Object.assign(c, validate(ctx.body, { title: str(0, 255), context: str(0, 256000), status: oneOf('active', 'inactive', 'archived'), conversationStateId: str() }, true), { updatedAt: now() });
		if (c.status === 'archived') await fire(agentOf(ctx), 'end_dialog', { conversationId: c.id, conversationUserId: c.conversationUserId });
		return publicConversation(c);
	});
	route('PUT', '/conversations/:id/mode', 'agent', (ctx) => publicConversation(Object.assign(userConversation(ctx), validate(ctx.body, { mode: oneOf('manual', 'ai') }))));
	route('GET', '/conversations/:id/messages', 'agent', (ctx) => {
		const c = userConversation(ctx);
		enumQuery(ctx, 'orderDirection', ['ASC', 'DESC']);
		enumQuery(ctx, 'shouldIncludeFeedbacks', ['true', 'false']);
		const direction = ctx.query.get('orderDirection') ?? 'ASC';
		const include = ctx.query.get('shouldIncludeFeedbacks') === 'true';
		const messages = c.messages.map(({ answer, readyAt, feedbacks, ...m }) => (include ? { ...m, feedbacks } : m));
		return { messages: direction === 'DESC' ? messages.reverse() : messages };
	});
	route('POST', '/conversations/:id/messages', 'agent', async (ctx) => {
		const c = userConversation(ctx);
		checkFiles(ctx.body || {});
		const body = validate(ctx.body, { message: required(str(1)), context: str() });
		const { answer } = await exchange(agentOf(ctx), c, body.message);
		const { feedbacks, ...visible } = answer;
		return sim.response(201, visible);
	});
	route('POST', '/conversations/:id/messages/async', 'agent', async (ctx) => {
		const c = userConversation(ctx);
		checkFiles(ctx.body || {});
		const body = validate(ctx.body, { message: required(str(1)), context: str() });
		const { question } = await exchange(agentOf(ctx), c, body.message, { delayAnswer: true });
		const { feedbacks, readyAt, answer, ...visible } = question;
		return sim.response(201, visible);
	});
	route('GET', '/conversations/:id/messages/:questionMessageId/response-on', 'agent', (ctx) => {
		const question = find(userConversation(ctx).messages, ctx.params.questionMessageId, 'ConversationMessage');
		if (!question.answer) return { status: 'pending', message: null, error: null };
		const { feedbacks, ...answer } = question.answer;
		return { status: 'completed', message: answer, error: null };
	});
	route('POST', '/conversations/:id/send-manual-message', 'agent', async (ctx) => {
		const c = userConversation(ctx);
		const body = validate(ctx.body, { message: required(str(1)), conversationMessageId: str(), authorId: str() });
		const { feedbacks, ...entry } = addMessage(c, 'manual_assistant', body.message);
		return entry;
	});
	route('POST', '/conversations/:id/message-files/upload-url', 'agent', (ctx) => {
		const c = userConversation(ctx);
		const body = validate(ctx.body, { fileName: required(str(1)), contentType: required(str(1)) });
		const storagePath = `conversations/${c.id}/${crypto.randomUUID()}/${body.fileName}`;
		return { signedUrl: `https://storage.example.com/upload/${encodeURIComponent(storagePath)}?sig=${crypto.randomBytes(8).toString('hex')}`, storagePath };
	});
	route('GET', '/conversations/:id/message-files/:fileId/signed-url', 'agent', (ctx) => {
		userConversation(ctx);
		return { signedUrl: `https://storage.example.com/download/${ctx.params.fileId}?sig=${crypto.randomBytes(8).toString('hex')}`, fileId: ctx.params.fileId };
	});

	// Prompts.
	const promptSchema = { prompt: required(str(1)), tokenTrackingId: str() };
	route('POST', '/prompts', 'agent', (ctx) => {
		const { prompt } = validate(ctx.body, promptSchema);
		return { status: 'completed', totalTokens: 120, response: answerTo(prompt), error: null };
	});
	route('POST', '/prompts/async', 'agent', (ctx) => {
		const { prompt } = validate(ctx.body, promptSchema);
		const id = crypto.randomUUID();
		agentOf(ctx).prompts.set(id, { prompt, readyAt: Date.now() + asyncDelayMs });
		return { promptId: id };
	});
	route('GET', '/prompts/:id/response-on', 'agent', (ctx) => {
		const entry = agentOf(ctx).prompts.get(ctx.params.id);
		if (!entry) throw fail(404, 'ENTITY_NOT_FOUND', [{ entity: 'Prompt', id: ctx.params.id }]);
		entry.polls = (entry.polls ?? 0) + 1;
		if (Date.now() < entry.readyAt) return { status: 'pending', totalTokens: 0, response: null, error: null };
		return { status: 'completed', totalTokens: 120, response: answerTo(entry.prompt), error: null };
	});
	route('POST', '/prompts/upload-url', 'agent', (ctx) => {
		const body = validate(ctx.body, { fileName: required(str(1)), contentType: required(str(1)) });
		const storagePath = `prompts/${crypto.randomUUID()}/${body.fileName}`;
		return { signedUrl: `https://storage.example.com/upload/${encodeURIComponent(storagePath)}`, storagePath };
	});

	// Agents (organization key) and the agent of an agent key.
	const MODELS = ['gpt-4.1', 'gpt-4.1-nano', 'gpt-4.1-mini', 'gpt-3.5-turbo', 'o3-mini', 'gpt-5-nano', 'gpt-5', 'gpt-5-mini', 'gpt-5.1', 'gpt-5.2', 'gpt-5.4', 'gpt-5.4-mini', 'gpt-5.4-nano', 'gpt-5.5', 'gpt-5.6', 'gpt-5.6-terra', 'gpt-5.6-luna'];
	const agentSchema = { name: required(str(1)), publicName: required(str(1)), roleId: required(uuid), description: str(), instructions: str(), model: oneOf(...MODELS), topP: num(0, 1), temperature: num(0, 2), isFileSearchEnabled: bool, isCodeInterpreterEnabled: bool, fileSearchMaxNumResults: num(1), reasoningEffort: oneOf('low', 'medium', 'high', 'xhigh', 'minimal', 'none', 'max'),
		reasoningMode: oneOf('standard', 'pro'), isApiSkillEnabled: bool, isOutputJsonSchemaEnabled: bool, outputJsonSchema: required(str()), tags: required(strings), restrictDocumentsToOwnerOnly: bool };
	route('POST', '/agents', 'org', (ctx) => {
		const body = validate(ctx.body, agentSchema);
		find(orgs[ctx.principal.org].roles, body.roleId, 'AgentRole');
		return sim.response(201, publicAgent(addAgent(ctx.principal.org, body)));
	});
	route('PUT', '/agents/:id', 'org', (ctx) => {
		const agent = find(orgs[ctx.principal.org].agents, ctx.params.id, 'Agent');
		const { roleId, isApiSkillEnabled, ...updatable } = agentSchema;
		// The spec requires outputJsonSchema on every update, and nothing else.
		if (typeof ctx.body?.outputJsonSchema !== 'string') throw fail(400, 'INVALID_REQUEST', [{ field: 'outputJsonSchema', message: 'outputJsonSchema must be a string' }]);
		Object.assign(agent, validate(ctx.body, { ...updatable, avatarUrl: str(), backgroundUrl: str(), status: oneOf('active', 'inactive', 'draft'), defaultErrorMessage: str() }, true), { updatedAt: now() });
		return publicAgent(agent);
	});
	route('GET', '/agents/:id/users', 'org', (ctx) => paged(find(orgs[ctx.principal.org].agents, ctx.params.id, 'Agent').users, ctx.query));
	// The OpenAPI answers this one with the agent object (GetAgentByApiKeyResponseDTO), not a page:
	// the query is still checked as documented, the answer has the documented shape.
	route('GET', '/agents/users', 'agent', (ctx) => {
		paged(agentOf(ctx).users, ctx.query);
		return publicAgent(agentOf(ctx));
	});
	route('GET', '/agents/by-api-key', 'agent', (ctx) => publicAgent(agentOf(ctx)));
	route('GET', '/agents/statistic', 'agent', (ctx) => {
		const agent = agentOf(ctx);
		uuidQuery(ctx, 'userId');
		uuidQuery(ctx, 'conversationUserId');
		for (const key of ['startDate', 'endDate']) {
			const value = ctx.query.get(key);
			if (value && Number.isNaN(Date.parse(value))) throw fail(400, 'INVALID_REQUEST', [{ field: key, message: `${key} must be a date` }]);
		}
		const conversations = agent.conversations.length;
		const tokens = agent.usageLogs.filter((l) => l.type === 'OPENAI_TOKENS').reduce((a, l) => a + l.amount, 0) + conversations * 120;
		return { tokensUsed: tokens, tokensPerConversation: conversations ? tokens / conversations : 0, vapiSecondsUsed: agent.usageLogs.filter((l) => l.type === 'VAPI_SECONDS').reduce((a, l) => a + l.amount, 0), averageCallDuration: 0, smsUsed: 0, smsPerConversation: 0, emailsUsed: 0, emailsPerConversation: 0, conversations };
	});
	route('POST', '/agents/webhooks', 'agent', (ctx) => {
		const body = validate(ctx.body, { title: required(str(1)), description: required(str(1)), url: required(str(1)), triggerCondition: required(oneOf(...CONDITIONS)), headers: object });
		sim.assertWebhookUrl(body.url);
		const hook = { id: crypto.randomUUID(), agentId: agentOf(ctx).id, ...body, headers: body.headers ?? null, createdAt: now() };
		agentOf(ctx).webhooks.push(hook);
		const { headers, ...visible } = hook;
		return sim.response(201, visible);
	});
	route('GET', '/agents/limits', 'agent', (ctx) => ({ emailsAmount: 0, smsAmount: 0, tokensAmount: agentOf(ctx).conversations.length * 120, secondsAmount: 0 }));
	for (const method of ['POST', 'PUT', 'DELETE']) {
		route(method, '/agents/limits', 'agent', (ctx) => {
			const agent = agentOf(ctx);
			if (method === 'DELETE') {
				agent.limits = null;
				return sim.response(200, undefined);
			}
			if (method === 'POST' && agent.limits) throw fail(400, 'LIMITS_ALREADY_EXIST');
			if (method === 'PUT' && !agent.limits) throw fail(404, 'ENTITY_NOT_FOUND', [{ entity: 'AgentLimits' }]);
			const schema = method === 'POST' ? limits : Object.fromEntries(Object.keys(limits).map((k) => [k, num(0)]));
			agent.limits = { id: agent.limits?.id ?? crypto.randomUUID(), agentId: agent.id, isOrganizationDefault: false, ...(agent.limits ?? {}), ...validate(ctx.body, schema) };
			return sim.response(method === 'POST' ? 201 : 200, agent.limits);
		});
	}

	// Agent files.
	route('POST', '/agent-files/upload', 'agent', (ctx) => {
		const parts = parseMultipart(ctx.body, ctx.headers['content-type']);
		if (!parts || !parts.file) throw fail(400, 'INVALID_REQUEST', [{ field: 'file', message: 'file is required (multipart/form-data)' }]);
		const auto = parts.autoAddToVectorStore ? parts.autoAddToVectorStore.data.toString() === 'true' : false;
		const file = { id: crypto.randomUUID(), fileName: parts.file.filename, url: `https://files.example.com/${crypto.randomUUID()}`, createdAt: now(), size: parts.file.data.length, contentType: parts.file.type, sha256: crypto.createHash('sha256').update(parts.file.data).digest('hex'), vectorStoreFileId: auto ? `vsf_${crypto.randomBytes(4).toString('hex')}` : null, isUploadedToVectorStore: auto, vectorStoreUploadStatus: auto ? 'completed' : null };
		agentOf(ctx).files.push(file);
		return file;
	}, { raw: true });
	route('GET', '/agent-files/by-api-key', 'agent', (ctx) => agentOf(ctx).files);
	route('DELETE', '/agent-files', 'agent', (ctx) => {
		const agent = agentOf(ctx);
		const { fileIds } = validate(ctx.body, { fileIds: required(strings) });
		for (const id of fileIds) find(agent.files, id, 'AgentFile');
		agent.files = agent.files.filter((f) => !fileIds.includes(f.id));
		return sim.response(200, undefined);
	});
	const agentFile = (ctx) => find(agentOf(ctx).files, ctx.params.id, 'AgentFile');
	route('DELETE', '/agent-files/:id/delete', 'agent', (ctx) => {
		const agent = agentOf(ctx);
		agent.files.splice(agent.files.indexOf(agentFile(ctx)), 1);
		return sim.response(200, undefined);
	});
	route('DELETE', '/agent-files/:id/delete-from-vector-store', 'agent', (ctx) => {
		Object.assign(agentFile(ctx), { isUploadedToVectorStore: false, vectorStoreFileId: null, vectorStoreUploadStatus: null });
		return sim.response(200, undefined);
	});
	route('PUT', '/agent-files/:id/add-to-vector-store', 'agent', (ctx) => Object.assign(agentFile(ctx), { isUploadedToVectorStore: true, vectorStoreFileId: `vsf_${crypto.randomBytes(4).toString('hex')}`, vectorStoreUploadStatus: 'completed' }));
	route('PUT', '/agent-files/:id/add-to-vector-store/async', 'agent', (ctx) => Object.assign(agentFile(ctx), { vectorStoreUploadStatus: 'in_progress' }));

	// Usage, roles, feedback, platform users.
	route('POST', '/resource-usage', 'agent', (ctx) => {
		agentOf(ctx).usageLogs.push({ ...validate(ctx.body, { type: required(oneOf('OPENAI_TOKENS', 'VAPI_SECONDS')), amount: required(num(0)) }), createdAt: now() });
		return sim.response(201, undefined);
	});
	route('GET', '/agent-roles/by-api-key', 'org', (ctx) => orgs[ctx.principal.org].roles);
	route('POST', '/conversation-message-feedbacks', 'agent', (ctx) => {
		const body = validate(ctx.body, { conversationMessageId: required(uuid), userId: required(uuid), voteType: required(oneOf('up', 'down')), question: required(str(1)), answer: str(), comment: str() });
		const message = agentOf(ctx).conversations.flatMap((c) => c.messages).find((m) => m.id === body.conversationMessageId || m.conversationMessageId === body.conversationMessageId);
		if (!message) throw fail(404, 'ENTITY_NOT_FOUND', [{ entity: 'ConversationMessage' }]);
		const existing = message.feedbacks.find((f) => f.userId === body.userId);
		const feedback = Object.assign(existing ?? { id: crypto.randomUUID(), createdAt: now() }, body, { answer: body.answer ?? message.message, updatedAt: now() });
		if (!existing) message.feedbacks.push(feedback);
		return sim.response(201, feedback);
	});
	route('GET', '/platform-users', 'org', (ctx) => {
		enumQuery(ctx, 'role', ['owner', 'admin', 'user', 'copilot_user', 'copilot_agent_user', 'copilot_admin']);
		const role = ctx.query.get('role');
		return orgs[ctx.principal.org].platformUsers.filter((u) => !role || u.role === role).map(({ role: _role, ...u }) => u);
	});

	const sim = createSimulator({
		name: 'raia',
		routes,
		errorBody,
		authenticate(req) {
			const agentKey = agentKeys[String(req.headers['agent-secret-key'] || '')];
			const orgKey = orgKeys[String(req.headers['organization-secret-key'] || '')];
			if (agentKey) return { id: `agent-${agentKey.org}`, kind: 'agent', ...agentKey };
			if (orgKey) return { id: `org-${orgKey.org}`, kind: 'org', ...orgKey };
			throw sim.fail(403, 'INVALID_CREDENTIALS');
		},
		authorize(principal, r) {
			if (r.key !== principal.kind) throw sim.fail(403, 'INVALID_CREDENTIALS', { details: [{ message: `this endpoint needs the ${r.key === 'agent' ? 'Agent' : 'Organization'}-Secret-Key header` }] });
		},
		control: {
			data: (body) => ({ ...orgs[body.org ?? 'o1'], agents: orgs[body.org ?? 'o1'].agents.map((a) => ({ ...a, prompts: [...a.prompts.entries()] })) }),
			seed(body) {
				const agent = orgs.o1.agents[0];
				for (let i = 0; i < (body.users ?? 0); i++) addUser(agent, { firstName: `User${i}`, lastName: 'Test', email: `u${i}@example.com` });
				return { users: agent.users.length };
			},
			fire: async (body) => ({ results: await fire(orgs.o1.agents[0], body.condition, body.payload ?? {}) }),
		},
		onReset: () => {
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			seed();
		},
	});
	seed();
	sim.agent = (org = 'o1') => orgs[org].agents[0];
	sim.org = (org = 'o1') => orgs[org];
	const close = sim.close;
	sim.close = async () => {
		for (const timer of timers) clearTimeout(timer);
		await close();
	};
	return sim;
}

module.exports = { createRaiaSimulator, DEFAULT_AGENT_KEYS, DEFAULT_ORG_KEYS };

if (require.main === module) {
	const sim = createRaiaSimulator();
	sim.listen(Number(process.env.PORT || 0)).then((url) => console.log(`raia simulator on ${url}`));
}
