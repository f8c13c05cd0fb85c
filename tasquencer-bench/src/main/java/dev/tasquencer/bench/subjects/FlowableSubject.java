package dev.tasquencer.bench.subjects;

import dev.tasquencer.bench.jdbc.CountingDataSource;
import dev.tasquencer.bench.measure.Probe;
import java.util.List;
import java.util.Map;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.flowable.engine.repository.DeploymentBuilder;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.task.api.Task;

/**
 * Embedded Flowable 7.1.0 with history level audit, the async executor off, its default id
 * generator and bulk inserts, on the same kind of pool as ours.
 */
public final class FlowableSubject extends BpmnSubject {

  /** The no-op service task. */
  public static final class Noop implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
      Probe.tick();
    }
  }

  private final ProcessEngine engine;

  public FlowableSubject(CountingDataSource dataSource, String engineName) {
    super("flowable", dataSource);
    StandaloneProcessEngineConfiguration cfg = new StandaloneProcessEngineConfiguration();
    cfg.setDisableIdmEngine(true);
    cfg.setDisableEventRegistry(true);
    cfg.setEngineName(engineName);
    cfg.setDataSource(dataSource);
    cfg.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    cfg.setHistory("audit");
    cfg.setAsyncExecutorActivate(false);
    cfg.setAsyncHistoryExecutorActivate(false);
    this.engine = cfg.buildProcessEngine();
    DeploymentBuilder d = engine.getRepositoryService().createDeployment().name("bench");
    for (String[] p : Bpmn.processes(Bpmn.Vendor.FLOWABLE, Noop.class.getName())) {
      d.addString(p[0] + ".bpmn20.xml", p[1]);
    }
    d.deploy();
  }

  @Override
  ProcessInstance start(String key, Map<String, Object> variables) {
    return engine.getRuntimeService().startProcessInstanceByKey(key, variables);
  }

  @Override
  String openTaskId(Object instance) {
    String id = ((ProcessInstance) instance).getId();
    return engine.getTaskService().createTaskQuery().processInstanceId(id).singleResult().getId();
  }

  @Override
  public void completeWaiting(Object handle) {
    engine.getTaskService().complete((String) handle);
  }

  @Override
  public boolean ended(Object handle) {
    String id = ((ProcessInstance) handle).getId();
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).count()
            == 0
        && engine
                .getHistoryService()
                .createHistoricProcessInstanceQuery()
                .processInstanceId(id)
                .finished()
                .count()
            == 1;
  }

  @Override
  public boolean waitsAtSecond(Object handle) {
    var done =
        engine
            .getHistoryService()
            .createHistoricTaskInstanceQuery()
            .taskId((String) handle)
            .singleResult();
    if (done == null || done.getEndTime() == null) {
      return false;
    }
    List<Task> open =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(done.getProcessInstanceId())
            .list();
    return open.size() == 1 && open.get(0).getTaskDefinitionKey().equals("B");
  }

  @Override
  public String settings() {
    var cfg = engine.getProcessEngineConfiguration();
    return "history level "
        + cfg.getHistoryLevel()
        + ", id generator "
        + cfg.getIdGenerator().getClass().getSimpleName()
        + ", async executor off";
  }

  @Override
  public String history() {
    return engine.getProcessEngineConfiguration().getHistoryLevel().getKey();
  }

  @Override
  public void close() {
    engine.close();
  }
}
