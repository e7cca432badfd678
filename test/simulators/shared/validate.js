'use strict';
// Field rules the simulators check request bodies against: each provider's simulator writes
// its own schemas from its document, with these rule types.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const str = (min, max, opts = {}) => ({ t: 'str', min, max, ...opts });
const email = (max = 255) => ({ t: 'email', max });
const oneOf = (...values) => ({ t: 'enum', values });
const int = (min, max) => ({ t: 'int', min, max });
const num = (min, max) => ({ t: 'num', min, max });
const bool = { t: 'bool' };
const strings = { t: 'strings' };
const object = { t: 'obj' };
const uuid = { t: 'uuid' };
const uri = { t: 'uri' };
const nullable = (rule) => ({ ...rule, nullable: true });
const required = (rule) => ({ ...rule, required: true });

function checkField(key, rule, value) {
	if (value === null && rule.nullable) return undefined;
	const bad = (what) => `${key} ${what}`;
	switch (rule.t) {
		case 'str':
			if (typeof value !== 'string') return bad('must be a string');
			if (rule.min !== undefined && value.length < rule.min) return bad(`must be at least ${rule.min} characters`);
			if (rule.max !== undefined && value.length > rule.max) return bad(`must be at most ${rule.max} characters`);
			if (rule.pattern && !rule.pattern.test(value)) return bad('has an invalid format');
			return undefined;
		case 'email':
			if (typeof value !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return bad('must be a valid email');
			return value.length > rule.max ? bad(`must be at most ${rule.max} characters`) : undefined;
		case 'enum':
			return rule.values.includes(value) ? undefined : bad(`must be one of: ${rule.values.join(', ')}`);
		case 'int':
		case 'num':
			if (typeof value !== 'number' || !Number.isFinite(value) || (rule.t === 'int' && !Number.isInteger(value))) return bad(`must be ${rule.t === 'int' ? 'an integer' : 'a number'}`);
			if (rule.min !== undefined && value < rule.min) return bad(`must be >= ${rule.min}`);
			if (rule.max !== undefined && value > rule.max) return bad(`must be <= ${rule.max}`);
			return undefined;
		case 'bool':
			return typeof value === 'boolean' ? undefined : bad('must be a boolean');
		case 'strings':
			return Array.isArray(value) && value.every((v) => typeof v === 'string') ? undefined : bad('must be an array of strings');
		case 'obj':
			return value && typeof value === 'object' && !Array.isArray(value) ? undefined : bad('must be an object');
		case 'uuid':
			return typeof value === 'string' && UUID.test(value) ? undefined : bad('must be a valid UUID');
		case 'uri':
			try {
				new URL(value);
				return undefined;
			} catch {
				return bad('must be a valid URI');
			}
		default:
			return undefined;
	}
}


/** Validates a JSON body against a schema of rules; `partial` = update (nothing required). */
function validateBody(sim, body, schema, partial = false) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw sim.fail(400, 'Request body must be a JSON object');
	for (const [key, rule] of Object.entries(schema)) {
		if (body[key] === undefined) {
			if (rule.required && !partial) throw sim.fail(400, `${key} is required`);
			continue;
		}
		const problem = checkField(key, rule, body[key]);
		if (problem) throw sim.fail(400, problem);
	}
	return Object.fromEntries(Object.entries(body).filter(([k]) => k in schema));
}

module.exports = { UUID, str, email, oneOf, int, num, bool, strings, object, uuid, uri, nullable, required, checkField, validateBody };
