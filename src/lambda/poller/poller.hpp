// Every event source mapping of the server, by UUID, in creation order. The
// Lambda API (operations/event_source_mappings.cpp) and the config file both
// create mappings through here.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "aws/outbound.hpp"
#include "base/mutex.hpp"
#include "kinesis/log/stream_store.hpp"
#include "lambda/handler/handler_registry.hpp"
#include "lambda/poller/checkpoint_journal.hpp"
#include "lambda/poller/event_source_mapping.hpp"

namespace kinesisd::poller {

class Poller {
 public:
  Poller(log::StreamStore& store, handler::HandlerRegistry& handlers);
  ~Poller();

  log::StreamStore& store() { return store_; }
  handler::HandlerRegistry& handlers() { return handlers_; }
  const handler::HandlerRegistry& handlers() const { return handlers_; }

  // A data directory: mappings keep their checkpoints there.
  void persist(CheckpointJournal* journal) { journal_ = journal; }
  CheckpointJournal* journal() const { return journal_; }
  // Handler fault rules every mapping asks before it invokes (--faults).
  void inject(faults::FaultEngine* faults) { faults_ = faults; }
  // The AWS endpoints of SQS, SNS and S3 on-failure destinations; before any
  // mapping is added.
  void set_outbound(const aws::Outbound* outbound) { outbound_ = outbound; }

  // Starts a mapping. The caller has validated the config and resolved the
  // handler. `restored` brings back a mapping of a data directory (its UUID,
  // last change and checkpoints); without it the mapping is new. The mapping
  // belongs to `account` ("" for the store's account).
  std::shared_ptr<EventSourceMapping> add(std::string region, std::string account,
                                          MappingConfig config, handler::Registered handler,
                                          const RestoredMapping* restored = nullptr);
  std::shared_ptr<EventSourceMapping> find(std::string_view uuid) const;
  // The account's other mapping of the same stream and function, if any.
  std::shared_ptr<EventSourceMapping> find_same(std::string_view account,
                                                std::string_view stream_arn,
                                                std::string_view handler_name) const;
  std::vector<std::shared_ptr<EventSourceMapping>> list() const;
  // Takes the mapping out of service; its threads wind down in the background.
  std::shared_ptr<EventSourceMapping> remove(std::string_view uuid);

  // Every mapping gone, its checkpoints forgotten, once its threads have
  // stopped (abandoning process and http invocations): the poller of a
  // fresh start (/_kinesisd/reset).
  void clear();

  // Asks every mapping to stop (abandoning process and http invocations)
  // without waiting.
  void request_stop();
  // Stops every mapping and waits for their threads. Idempotent.
  void stop();

 private:
  log::StreamStore& store_;
  handler::HandlerRegistry& handlers_;
  CheckpointJournal* journal_ = nullptr;
  faults::FaultEngine* faults_ = nullptr;
  const aws::Outbound* outbound_ = nullptr;
  mutable base::Mutex mu_;
  std::vector<std::shared_ptr<EventSourceMapping>> mappings_ GUARDED_BY(mu_);
  std::vector<std::shared_ptr<EventSourceMapping>> retired_ GUARDED_BY(mu_);
  bool stopped_ GUARDED_BY(mu_) = false;
};

}  // namespace kinesisd::poller
