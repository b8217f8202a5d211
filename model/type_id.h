// The ns-3 TypeId of a netbed class derived from an ns-3 one: its name, its parent and its group
// (ns-3's attribute paths and config names show them), with the constructor ns-3's object
// factory uses. For model/ and sim/ alike.
#pragma once

#include <ns3/object-base.h>

namespace model {

// A TypeId `name` below Parent in `group`, made by T's default constructor; a class with
// attributes or trace sources adds them to it.
template <class T, class Parent> ns3::TypeId newTypeId(const char* name, const char* group) {
  return ns3::TypeId(name).SetParent<Parent>().SetGroupName(group).template AddConstructor<T>();
}

// T's TypeId when it adds nothing to newTypeId's: made on the first call (T::GetTypeId's only
// caller), kept for the process as ns-3 wants.
template <class T, class Parent> ns3::TypeId typeIdOf(const char* name, const char* group) {
  static ns3::TypeId tid = newTypeId<T, Parent>(name, group);
  return tid;
}

} // namespace model
