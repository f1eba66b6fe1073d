export const HELP = `ordermock — a stateful mock server and contract kit for four order APIs

Usage:
  ordermock serve [options]           serve the APIs (default command)
  ordermock webhook send order_cancel --to URL [--order-id ID] [--token T]
                                      play RetailOPS: POST order_cancel to an integrator
                                      and check its reply against the spec
  ordermock verify [--api NAME] [--pacts PATH] [--states FILE] [--junit FILE]
                                      verify Pact contracts against the mock, started
                                      in-process; exit 1 with Pact's report
  ordermock verify --api NAME --base-url URL [--states-url URL] [--token T] [--pacts PATH]
                                      ... or against any implementation of the API
  ordermock check-pact PATH... [--api NAME] [--strict] [--junit FILE]
                                      check pacts against the API's spec alone
  ordermock --help | --version

serve options:
  --port N            port (default 4010, or $PORT)
  --host H            interface (default 127.0.0.1)
  --api NAME          serve one API at the root: dirtylemon, estoka, sfox, retailops
  --strict            check every response against the spec; a mismatch is a loud 500
  --seed S            seed of every tenant's fixture world (default "ordermock")
  --state-file PATH   load state at start, save it atomically on change and on exit
  --store S           where tenants live: memory (default, this process) or
                      redis://host:port[/db], shared by every instance pointed at it
  --store-prefix P    prefix of every Redis key (default "ordermock:")
  --admin-token T     require header X-Ordermock-Admin-Token: T on /__mock
                      (mandatory when --host is not loopback)
  --body-limit BYTES  largest request body (default 1048576)
  --max-tenants N     live tenants; a new token past it evicts the least recently
                      used one, which starts afresh on its next request (default 10000)
  --tenant-ttl D      evict tenants idle this long: 24h (default), 30m, 1h30m, 0 = never
                      (with Redis: the TTL of their keys)
  --pack-idle-after D pack tenants idle this long into ~3 KB each, unpacked on their next
                      request: 30s (default), 5m, 0 = never (memory store)
  --keep-token T      never evict T's tenant (repeatable); a state file's pinned stay too
  --max-orders N      cap on orders per tenant and API; past it 429 (default 2000000)
  --max-outbox N      outbox entries kept per tenant, oldest dropped (default 1000)
  --max-journal N     journal entries kept per tenant, oldest dropped (default 1000)
  --cors-origin O     let only browser origin O call the mock (repeat, or comma-separate);
                      default: any origin, reflected, with credentials
  --no-cors           send no CORS headers at all
  --log-format F      text (default) or json
  --log-level L       debug (adds one line per eviction), info (default) or error
  --quiet             log errors only (--log-level error)

verify options:
  --api NAME          the provider: dirtylemon, estoka, sfox, retailops (default: each
                      pact's provider name)
  --pacts PATH        a pact file, or a directory of them (default: the shipped
                      contracts/pacts); in a directory the provider's name picks the API
  --states FILE       YAML or JSON list mapping your provider states to seeds:
                      - state: "order {short} is {status}"
                        seed: { id: "{order_id}", status: "{status}" }
                      (without it, states are read as ordermock's own contracts write them)
  --base-url URL      verify the API answering there instead of the in-process mock
  --states-url URL    with --base-url: receives Pact's {state, params, action} around
                      each interaction (a mock: http://localhost:4010/__mock/provider-states)
  --token T           with --base-url: send T instead of the contracts' token (ordermock-pact)
  --junit FILE        also write a JUnit XML report (one test case per interaction)

check-pact options:
  --api NAME          the API of the named files (default: each pact's provider name)
  --strict            also require every field the spec requires in a response
  --junit FILE        also write a JUnit XML report

verify and check-pact exit 0 when every interaction passes, 1 when one fails, 2 on a usage error.

Each auth token is its own tenant with its own fixture world. Docs: http://localhost:4010/docs
`;
