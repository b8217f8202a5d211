# sim::testing (testing.h): the GoogleTest fixture for users' tests of code on the
# simulated network, with GoogleTest's main (testing_main.cc). An object library, so that
# main is an object of the test program and always wins over the one libsystemc.so defines.
# Built when GoogleTest is found; installed as the package's component `testing`:
# find_package(netbed COMPONENTS testing), target_link_libraries(my_test PRIVATE netbed::testing).
find_package(GTest)
if(GTest_FOUND)
  include(GNUInstallDirs)
  add_library(netbed_testing OBJECT testing.cc testing_main.cc)
  target_link_libraries(netbed_testing PUBLIC netbed_sim GTest::gtest
                                       PRIVATE netbed_scenario netbed_warnings ns3::libcore ns3::libnetwork)
  set_target_properties(netbed_testing PROPERTIES EXPORT_NAME testing INTERFACE_INCLUDE_DIRECTORIES
    "$<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>;$<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/netbed;${CMAKE_INSTALL_INCLUDEDIR}>")
  # The header goes with every other sim/*.h (the top-level install); the objects and their
  # targets apart, as netbedConfig.cmake includes them only for the component.
  install(TARGETS netbed_testing EXPORT netbedTestingTargets
          OBJECTS DESTINATION ${CMAKE_INSTALL_LIBDIR}/netbed-testing)
  install(EXPORT netbedTestingTargets NAMESPACE netbed:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/netbed)
endif()
