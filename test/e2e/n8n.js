'use strict';
// Starts a real n8n (Node 24, installed once by scripts/n8n-runtime.sh) with this package
// installed the way the Community Nodes screen installs it: from `npm pack`, extracted into
// <user folder>/.n8n/nodes/node_modules/<name> without dev/peer dependencies. Any tarball can
// stand in for the current one (packRelease builds a previous release from its commit), and
// starting again on the same user folder replaces the package and logs in to the same owner:
// an upgrade as `npm update` in ~/.n8n/nodes followed by a restart does it.
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const PACKAGE = require(path.join(ROOT, 'package.json'));
const OWNER = { email: 'owner@example.com', firstName: 'Agent', lastName: 'Platforms', password: 'Sandbox-Passw0rd!' };
const BROWSER_ID = 'agent-platforms-e2e';
/** Credential type names of this package (dist/credentials/ConvoApi.credentials.js → convoApi). */
const OUR_CREDENTIAL_TYPES = new Set(PACKAGE.n8n.credentials.map((file) => path.basename(file, '.credentials.js')).map((name) => name[0].toLowerCase() + name.slice(1)));

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Installs Node 24 + n8n into the cache if needed; returns {node, n8n} paths. */
function ensureRuntime(version) {
	const dir = execFileSync('bash', [path.join(ROOT, 'scripts/n8n-runtime.sh')], {
		env: { ...process.env, ...(version ? { N8N_VERSION: version } : {}) },
		stdio: ['ignore', 'pipe', 'inherit'],
	})
		.toString()
		.trim()
		.split('\n')
		.pop();
	const env = fs.readFileSync(path.join(dir, 'env.sh'), 'utf8');
	const read = (name) => new RegExp(`${name}="([^"]+)"`).exec(env)[1];
	return { node: read('N8N_NODE_BIN'), n8n: read('N8N_BIN'), dir };
}

/** Runs `npm pack` of this package once; returns the tarball's path. */
function packPackage() {
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-platforms-pack-'));
	const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: ROOT }).toString().trim().split('\n').pop();
	return path.join(packDir, out);
}

/**
 * Builds and packs a previous release from its git commit (tags may be missing from a CI
 * clone; the commit is what a release is). The tarball is cached per commit next to the n8n
 * runtimes, so later runs skip the build.
 */
function packRelease(commit) {
	const cache = path.join(process.env.N8N_CACHE || path.join(os.homedir(), '.cache', 'n8n-agent-platforms'), 'releases', commit);
	const cached = fs.existsSync(cache) ? fs.readdirSync(cache).find((f) => f.endsWith('.tgz')) : undefined;
	if (cached) return path.join(cache, cached);
	const git = (...args) => execFileSync('git', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
	try {
		git('cat-file', '-e', `${commit}^{commit}`);
	} catch {
		// A shallow clone: fetch just that commit.
		try {
			git('fetch', '--quiet', '--depth=1', 'origin', commit);
		} catch (error) {
			throw new Error(`commit ${commit} is not in this clone and could not be fetched (clone with full history): ${error.message}`);
		}
	}
	const source = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-platforms-release-'));
	try {
		const archive = path.join(source, 'release.tar');
		git('archive', '--format=tar', '-o', archive, commit);
		execFileSync('tar', ['-xf', archive, '-C', source]);
		fs.rmSync(archive);
		// The release's own build with this checkout's tools (same compiler major, no install).
		fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(source, 'node_modules'), 'dir');
		execFileSync('npm', ['run', 'build', '--silent'], { cwd: source, stdio: ['ignore', 'ignore', 'inherit'] });
		const building = `${cache}.${process.pid}`;
		fs.mkdirSync(building, { recursive: true });
		const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', building], { cwd: source }).toString().trim().split('\n').pop();
		fs.rmSync(cache, { recursive: true, force: true });
		fs.renameSync(building, cache);
		return path.join(cache, out);
	} finally {
		fs.rmSync(source, { recursive: true, force: true });
	}
}

/**
 * npm pack (or a given tarball) + extract into the nodes folder, as the Community Nodes installer
 * does. A package already there is replaced as a whole, as npm replaces it on an update.
 */
function installPackage(userFolder, tarball = packPackage()) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', PACKAGE.name);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	const manifestPath = path.join(target, 'package.json');
	const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
	delete manifest.devDependencies;
	delete manifest.peerDependencies;
	delete manifest.optionalDependencies;
	fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	fs.writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE.name]: manifest.version } }));
	return { tarball, size: fs.statSync(tarball).size, version: manifest.version };
}

async function waitFor(what, check, timeoutMs = 120_000, intervalMs = 200) {
	const end = Date.now() + timeoutMs;
	let last;
	while (Date.now() < end) {
		try {
			const value = await check();
			if (value) return value;
		} catch (error) {
			last = error;
		}
		await new Promise((r) => setTimeout(r, intervalMs));
	}
	throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

/**
 * Spawns one n8n process with this package installed in its user folder and waits until it
 * answers /healthz/readiness. `command` is n8n's: `start` (the main), `worker` or `webhook`
 * (queue mode's processes, which take the same environment plus `env`). `port` is the HTTP
 * port (for a worker: its health-check server). `tarball` reuses one `npm pack`.
 */
async function startN8nProcess({ command = 'start', port, userFolder, logFile, version, tarball, env = {} } = {}) {
	const runtime = ensureRuntime(version);
	const n8nVersion = JSON.parse(fs.readFileSync(path.join(path.dirname(runtime.n8n), '..', 'package.json'), 'utf8')).version;
	// n8n 1.x activates synchronously and has no publication status; the same answer is built
	// from the workflow's `active` flag there.
	const publishes = Number(n8nVersion.split('.')[0]) >= 2;
	port ??= await freePort();
	const brokerPort = await freePort();
	userFolder ??= fs.mkdtempSync(path.join(os.tmpdir(), 'agent-platforms-n8n-'));
	const packageInfo = installPackage(userFolder, tarball);
	const baseUrl = `http://127.0.0.1:${port}`;
	logFile ??= path.join(userFolder, 'n8n.log');
	const log = fs.openSync(logFile, 'a');
	const child = spawn(runtime.n8n, [command], {
		env: {
			...process.env,
			PATH: `${path.dirname(runtime.node)}:${process.env.PATH}`,
			N8N_USER_FOLDER: userFolder,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			WEBHOOK_URL: `${baseUrl}/`,
			N8N_ENCRYPTION_KEY: 'agent-platforms-sandbox-key',
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_LOG_LEVEL: 'info',
			// The last 1.x releases default to an isolated-vm expression engine whose native
			// build needs Node 22+; on Node 20 they run with the classic engine.
			...(publishes ? {} : { N8N_EXPRESSION_ENGINE: 'legacy' }),
			// A worker answers readiness on its own health-check server.
			...(command === 'worker' ? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' } : {}),
			...env,
		},
		stdio: ['ignore', log, log],
	});
	let exited = false;
	let logClosed = false;
	child.on('exit', () => (exited = true));
	await waitFor(`n8n ${command} readiness`, async () => {
		if (exited) throw new Error(`n8n ${command} exited; see ${logFile}`);
		// Readiness can answer before the REST routes exist (n8n 1.x): wait for both on a main.
		const ready = await fetch(`${baseUrl}/healthz/readiness`);
		return ready.ok && (command !== 'start' || (await fetch(`${baseUrl}/rest/settings`)).ok);
	}, 180_000);
	return {
		command,
		baseUrl,
		port,
		userFolder,
		logFile,
		packageInfo,
		version: n8nVersion,
		publishes,
		pid: child.pid,
		get exited() {
			return exited;
		},
		/** What this process has logged so far. */
		log: () => fs.readFileSync(logFile, 'utf8'),
		/** Ends the process at once (SIGKILL), as a crash or an OOM kill would. */
		kill(signal = 'SIGKILL') {
			if (!exited) child.kill(signal);
		},
		async stop() {
			if (!exited) {
				child.kill('SIGTERM');
				await waitFor(`n8n ${command} to exit`, () => exited, 30_000).catch(() => child.kill('SIGKILL'));
			}
			if (!logClosed) fs.closeSync(log);
			logClosed = true;
		},
	};
}

/**
 * Starts n8n's main process (`n8n start`) with an owner, a login session and a public-API key.
 * `webhookUrl` is the public base URL of production webhooks when another process takes them
 * (queue mode's webhook processor behind a load balancer); by default the main itself.
 */
async function startN8n({ webhookUrl, env = {}, ...options } = {}) {
	const main = await startN8nProcess({ ...options, command: 'start', env: { ...(webhookUrl ? { WEBHOOK_URL: `${webhookUrl}/` } : {}), ...env } });
	const { baseUrl, userFolder, logFile, packageInfo, version: n8nVersion, publishes } = main;

	let cookie = '';
	let apiKey = '';
	async function call(method, url, body, headers) {
		const res = await fetch(`${baseUrl}${url}`, {
			method,
			headers: { 'content-type': 'application/json', ...headers },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = res.headers.get('set-cookie');
		if (setCookie && /n8n-auth=/.test(setCookie)) cookie = /n8n-auth=[^;]+/.exec(setCookie)[0];
		const text = await res.text();
		let data;
		try {
			data = text ? JSON.parse(text) : undefined;
		} catch {
			data = text;
		}
		if (!res.ok) throw Object.assign(new Error(`${method} ${url} → ${res.status}: ${text.slice(0, 300)}`), { status: res.status, data });
		return data;
	}
	const rest = (method, url, body) => call(method, url, body, { cookie, 'browser-id': BROWSER_ID });
	const api = (method, url, body) => call(method, `/api/v1${url}`, body, { 'X-N8N-API-KEY': apiKey });

	// A user folder n8n ran on before (a restart after an upgrade) has its owner already.
	await rest('POST', '/rest/owner/setup', OWNER).catch((error) => {
		if (error.status !== 400) throw error;
	});
	await rest('POST', '/rest/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
	const scopes = (await rest('GET', '/rest/api-keys/scopes')).data;
	apiKey = (await rest('POST', '/rest/api-keys', { label: `agent-platforms ${Date.now()}`, scopes, expiresAt: null })).data.rawApiKey;

	const created = new Map();
	const n8n = {
		baseUrl,
		webhookUrl: webhookUrl ?? baseUrl,
		userFolder,
		logFile,
		packageInfo,
		process: main,
		owner: OWNER,
		version: n8nVersion,
		rest,
		api,
		type: (name) => `${PACKAGE.name}.${name}`,
		async createCredential(name, type, data) {
			// n8n 1.x's API schema wants the domain restriction it injects into community
			// credentials spelled out; its own credential types (openAiApi) refuse it.
			const body = publishes || !OUR_CREDENTIAL_TYPES.has(type) ? data : { allowedHttpRequestDomains: 'all', ...data };
			const id = (await api('POST', '/credentials', { name, type, data: body })).id;
			created.set(id, { id, name, type, data: body });
			return id;
		},
		async testCredential(id) {
			if (publishes) return await api('POST', `/credentials/${id}/test`);
			// n8n 1.x has no public test endpoint: the editor's own call takes the credential. One
			// this process did not create is sent as the editor has it (secrets redacted); n8n fills
			// them in from what it stored.
			const credential = created.get(id) ?? (await rest('GET', `/rest/credentials/${id}?includeData=true`)).data;
			return (await rest('POST', '/rest/credentials/test', { credentials: credential })).data;
		},
		async createWorkflow(workflow) {
			return (await api('POST', '/workflows', { settings: { executionOrder: 'v1' }, connections: {}, ...workflow })).id;
		},
		async publicationStatus(id) {
			return (await rest('GET', `/rest/workflows/${id}/publication-status`)).data;
		},
		/** Activation is asynchronous in n8n 2.x: wait until it settles and return the status. */
		async activate(id) {
			if (!publishes) {
				const workflow = await api('POST', `/workflows/${id}/activate`, {}).catch((error) => ({ active: false, error: error.message }));
				return { status: workflow.active ? 'published' : 'failed', error: workflow.error };
			}
			await api('POST', `/workflows/${id}/activate`, {});
			return await waitFor(`activation of ${id}`, async () => {
				const status = await n8n.publicationStatus(id);
				return ['published', 'failed', 'partial'].includes(status.status) ? status : undefined;
			}, 30_000);
		},
		async deactivate(id) {
			await api('POST', `/workflows/${id}/deactivate`, {});
			if (!publishes) return true;
			return await waitFor(`deactivation of ${id}`, async () => (await n8n.publicationStatus(id)).status === 'not_published', 30_000);
		},
		async executions(workflowId) {
			return (await api('GET', `/executions?workflowId=${workflowId}&includeData=true&limit=250`)).data;
		},
		waitFor,
		stop: () => main.stop(),
	};
	return n8n;
}

module.exports = { startN8n, startN8nProcess, packPackage, packRelease, ensureRuntime, freePort, waitFor, ROOT };
