// Delivery streams' definitions in a data directory (the layout is
// delivery/delivery_journal.hpp's): the operations that change one record it
// (nothing without --data-dir), and start-up brings every one back by
// replaying its CreateDeliveryStream and UpdateDestination inputs through
// the operations themselves, so its destination, VersionId, tags and
// encryption come back as they were.
#pragma once

#include <cstddef>

#include "firehose/operations/operation.hpp"

namespace kinesisd::firehose {

void record_created(const Context& ctx, const delivery::DeliveryStream& stream,
                    const json& create_input);
void record_updated(const Context& ctx, const delivery::DeliveryStream& stream,
                    const json& update_input);
// Its tags, encryption and deletion, as they are now.
void record_state(const Context& ctx, const delivery::DeliveryStream& stream);

// Every recorded delivery stream, before the config file's (which then keep
// the one of their name). Returns how many came back.
size_t restore_delivery_streams(delivery::DeliveryRegistry& registry, const Settings& settings);

}  // namespace kinesisd::firehose
