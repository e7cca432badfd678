import { convoSuite } from './setup';

describe('Convo › Agent, Channel, Knowledge, Webhook', () => {
	const convo = convoSuite();

	it('lists agents (Return All) and applies Limit client-side', async () => {
		const all = await convo.run({ resource: 'agent', operation: 'getAll', returnAll: true });
		expect(all.items.map((i) => i.json.name)).toEqual(['Sales agent', 'Support agent']);
		const one = await convo.run({ resource: 'agent', operation: 'getAll', returnAll: false, limit: 1 });
		expect(one.items).toHaveLength(1);
	});

	it('gets an agent with its system prompt', async () => {
		const agent = convo.data().agents[1];
		const { items } = await convo.run({ resource: 'agent', operation: 'get', agentId: { __rl: true, mode: 'list', value: agent.id } });
		expect(items[0].json).toMatchObject({ id: agent.id, systemPrompt: 'You help customers.' });
	});

	it('lists channels', async () => {
		const { items } = await convo.run({ resource: 'channel', operation: 'getAll', returnAll: true });
		expect(items.map((i) => i.json.type)).toEqual(['WEBSITE', 'WHATSAPP', 'VOICE']);
	});

	const file = (bytes: Buffer, mimeType: string, fileName: string) => [
		{ json: {}, binary: { data: { data: bytes.toString('base64'), mimeType, fileName } } },
	];

	it('uploads a knowledge file as raw bytes with its MIME type and name', async () => {
		const content = Buffer.from('# Handbook\n\nReturns within 30 days.');
		const { items, error } = await convo.run(
			{ resource: 'knowledge', operation: 'upload', binaryPropertyName: 'data' },
			{ items: file(content, 'text/markdown', 'handbook.md') },
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ type: 'UPLOAD', status: 'PENDING', fileName: 'handbook.md', size: content.length });
		const [request] = convo.requests();
		expect(request.headers['content-type']).toBe('text/markdown');
	});

	it('infers the MIME type from the extension when the binary says octet-stream', async () => {
		const { items, error } = await convo.run(
			{ resource: 'knowledge', operation: 'upload', binaryPropertyName: 'data' },
			{ items: file(Buffer.from('%PDF-1.4 test'), 'application/octet-stream', 'guide.pdf') },
		);
		expect(error).toBeUndefined();
		expect(convo.requests()[0].headers['content-type']).toBe('application/pdf');
		expect(items[0].json.fileName).toBe('guide.pdf');
	});

	it('refuses files over 10 MB before sending', async () => {
		const { error } = await convo.run(
			{ resource: 'knowledge', operation: 'upload', binaryPropertyName: 'data' },
			{ items: file(Buffer.alloc(10 * 1024 * 1024 + 1, 65), 'text/plain', 'big.txt') },
		);
		expect(error?.message).toBe('Input Binary Field holds 10.0 MB; Convo accepts at most 10 MB per file');
		expect(convo.requests()).toHaveLength(0);
	});

	it('refuses unsupported file types and missing binary fields before sending', async () => {
		const png = await convo.run(
			{ resource: 'knowledge', operation: 'upload', binaryPropertyName: 'data' },
			{ items: file(Buffer.from([137, 80, 78, 71]), 'image/png', 'logo.png') },
		);
		expect(png.error?.message).toMatch(/^Input Binary Field holds "logo.png" \(image\/png\), which Convo cannot index$/);
		const missing = await convo.run({ resource: 'knowledge', operation: 'upload', binaryPropertyName: 'document' }, { items: [{ json: {} }] });
		expect(missing.error?.message).toBe('Input Binary Field "document" is missing on the input item');
		expect(convo.requests()).toHaveLength(0);
	});

	it('starts a crawl and follows the job to completion', async () => {
		const crawl = await convo.run({ resource: 'knowledge', operation: 'crawl', url: 'https://docs.example.com', depth: 2 });
		expect(crawl.items[0].json).toMatchObject({ type: 'CRAWL', status: 'PENDING', depth: 2 });
		const jobId = crawl.items[0].json.id as string;
		const first = await convo.run({ resource: 'knowledge', operation: 'getJob', jobId });
		const second = await convo.run({ resource: 'knowledge', operation: 'getJob', jobId });
		expect([first.items[0].json.status, second.items[0].json.status]).toEqual(['RUNNING', 'COMPLETED']);
	});

	it('passes the provider validation message through for a bad crawl URL', async () => {
		const { error } = await convo.run({ resource: 'knowledge', operation: 'crawl', url: 'ftp://x', depth: 1 });
		expect(error?.message).toBe('Convo: url must be a URL address');
		expect(error?.httpCode).toBe('400');
	});

	it('subscribes a webhook and lists only webhooks by default', async () => {
		const sub = await convo.run({ resource: 'webhook', operation: 'subscribe', url: 'https://hooks.example.com/a', events: ['lead.created'], customEvents: 'conversation.closed, lead.created' });
		expect(sub.error).toBeUndefined();
		expect(sub.items[0].json).toMatchObject({ type: 'WEBHOOK', events: ['lead.created', 'conversation.closed'] });
		expect(String(sub.items[0].json.signingSecret)).toMatch(/^wh_/);
		convo.data().integrations.push({ id: 'slack-1', type: 'SLACK', url: '', events: [] });
		const onlyWebhooks = await convo.run({ resource: 'webhook', operation: 'getAll', returnAll: true, webhooksOnly: true });
		expect(onlyWebhooks.items.map((i) => i.json.type)).toEqual(['WEBHOOK']);
		expect(onlyWebhooks.items[0].json.signingSecret).toBeUndefined();
		const everything = await convo.run({ resource: 'webhook', operation: 'getAll', returnAll: true, webhooksOnly: false });
		expect(everything.items).toHaveLength(2);
	});

	it('refuses a non-HTTPS webhook URL before sending', async () => {
		const { error } = await convo.run({ resource: 'webhook', operation: 'subscribe', url: 'http://hooks.example.com/a', events: ['lead.created'] });
		expect(error?.message).toBe('URL must be an https:// address (Convo only delivers to HTTPS)');
		expect(convo.requests()).toHaveLength(0);
	});
});
