/* The kinesisd handler plugin ABI, version 1.
 *
 * A plugin is a shared library (loaded with dlopen) that exports one symbol:
 *
 *   const kinesisd_handler_v1* kinesisd_handler_entry(void);
 *
 * returning a table of functions that stays valid while the library is
 * loaded. kinesisd checks abi_version before using any other field, so a
 * plugin built against a later, incompatible header is refused at start-up
 * with a message rather than called wrongly.
 *
 * Calls, in order, for one registered handler:
 *   init(config_json)            once, before any invoke; config_json is the
 *                                handler's "config" object from the kinesisd
 *                                config file ("{}" when absent). Returns the
 *                                plugin's instance, or NULL to refuse (start-up
 *                                fails and error_message, if set, is logged).
 *   invoke(instance, event, ...) once per batch. event is Lambda's Kinesis
 *                                event JSON ({"Records":[...]}), not
 *                                NUL-terminated past event_len. The plugin may
 *                                return a response (Lambda's: null, or
 *                                {"batchItemFailures":[...]}) through
 *                                the response and response_len out-parameters, allocated by the
 *                                plugin and released with free_response. A NULL
 *                                response means success with no payload.
 *                                Returns KINESISD_HANDLER_OK, or
 *                                KINESISD_HANDLER_FUNCTION_ERROR for what Lambda
 *                                calls a function error (retried, bisected, sent
 *                                to the on-failure destination).
 *   destroy(instance)            once, at shutdown.
 *
 * Threading: invoke may be called concurrently from several threads (one per
 * shard and parallelization lane), with the same instance. A plugin that keeps
 * mutable state must guard it.
 */
#ifndef KINESISD_HANDLER_H
#define KINESISD_HANDLER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KINESISD_HANDLER_ABI_VERSION 1u
#define KINESISD_HANDLER_ENTRY_SYMBOL "kinesisd_handler_entry"

enum kinesisd_handler_status { KINESISD_HANDLER_OK = 0, KINESISD_HANDLER_FUNCTION_ERROR = 1 };

typedef struct kinesisd_handler_v1 {
  uint32_t abi_version; /* KINESISD_HANDLER_ABI_VERSION */
  const char* name;     /* for logs; may be NULL */

  void* (*init)(const char* config_json, const char** error_message);
  int (*invoke)(void* instance, const char* event, size_t event_len, char** response,
                size_t* response_len);
  void (*free_response)(void* instance, char* response);
  void (*destroy)(void* instance);
} kinesisd_handler_v1;

typedef const kinesisd_handler_v1* (*kinesisd_handler_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* KINESISD_HANDLER_H */
