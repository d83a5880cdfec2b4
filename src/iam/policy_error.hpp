// What a policy document says that kinesisd cannot read: thrown while the
// config file's identities are read, naming the statement and element.
#pragma once

#include <stdexcept>

namespace kinesisd::iam {

struct PolicyError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace kinesisd::iam
