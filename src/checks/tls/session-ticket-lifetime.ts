import { sessionTicket } from '../../targets/tls/session-ticket.js';
import { defineCheck } from '../define.js';

/** testssl.sh's line: a ticket valid for more than a day is reported (LOW). */
const MAX_LIFETIME_SECONDS = 24 * 3600;

export const sessionTicketLifetime = defineCheck({
  id: 'tls/session-ticket-lifetime',
  title: 'Session tickets live at most 24 hours',
  severity: 'low',
  target: 'tls-endpoint',
  why:
    'A session ticket carries the session\'s keys encrypted under the server\'s ticket key; whoever obtains that key later (a memory dump, a key never rotated) can decrypt every recorded connection resumed or protected with tickets it still accepts, so a long ticket lifetime undoes the forward secrecy of the ephemeral key exchange for that long, and lets a client be recognised across visits. RFC 8446 allows TLS 1.3 tickets up to 7 days; testssl.sh flags more than 24 hours. Reads the lifetime the server announces in its NewSessionTicket (ticket_lifetime in TLS 1.3, ticket_lifetime_hint in TLS 1.2) on one extra handshake; a server that issues no ticket gets no result. Runs on the host:port of each https site in the plan: a plain-http site has no TLS endpoint, so it gets no result here.',
  fix:
    'Shorten the session lifetime and rotate ticket keys at least daily: nginx `ssl_session_timeout 1h;` (tickets follow it; `ssl_session_tickets off;` without rotated `ssl_session_ticket_key` files), Apache `SSLSessionCacheTimeout 3600` and `SSLSessionTickets off`, HAProxy `tune.ssl.lifetime 3600`, Go `tls.Config` rotates keys itself; Node `sessionTimeout`.',
  refs: ['RFC 8446 section 4.6.1: NewSessionTicket (ticket_lifetime, at most 7 days)', 'RFC 5077 section 3.3: ticket_lifetime_hint', 'Mozilla Server Side TLS guidelines (session tickets)', 'testssl.sh TLS_session_ticket'],
  messages: {
    longLifetime: '{endpoint} issues session tickets valid for {hours} hours (more than 24)',
  },
  claims: [{ about: 'session ticket lifetime', names: ['session ticket*', 'ssl_session_timeout', 'ssl_session_tickets', 'ticket lifetime', 'ticket_lifetime*'] }],
  async evaluate(endpoint, ctx) {
    const ticket = await sessionTicket({ host: endpoint.host, port: endpoint.port, timeoutMs: endpoint.timeoutMs });
    if (!ticket) return ctx.notApplicable();
    ctx.computed({ ticketLifetimeSeconds: ticket.lifetimeSeconds, ...(ticket.protocol ? { protocol: ticket.protocol } : {}) });
    if (ticket.lifetimeSeconds > MAX_LIFETIME_SECONDS) {
      const hours = Math.round((ticket.lifetimeSeconds / 3600) * 10) / 10;
      ctx.fail(endpoint.location, 'longLifetime', { endpoint: endpoint.identity, hours: String(hours) }, `${ticket.protocol ?? 'TLS'} NewSessionTicket lifetime: ${ticket.lifetimeSeconds} s`);
    }
  },
});
